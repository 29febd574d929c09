#include "util/pattern.h"
#include <algorithm>
#include <stdexcept>
#include <string>

namespace invokelab {

// Parses the pattern into a tree, then emits the Pike VM program from it (a quantified atom is
// emitted once per copy it needs, so {0,248} is 248 optional copies: the program stays small
// for the patterns the core uses, and the VM needs no counters).
class PatternCompiler {
public:
    PatternCompiler(Pattern& p, std::string_view text) : p_(p), s_(text) {}

    void compile() {
        Node root = alternation();
        if (i_ != s_.size()) fail("unbalanced ')'");
        emit({Pattern::Op::Save, 0});
        emit_node(root);
        emit({Pattern::Op::Save, 1});
        emit({Pattern::Op::Match});
        p_.groups_ = groups_;
    }

private:
    enum class Kind : std::uint8_t { Set, Cat, Alt, Group, Repeat, Begin, End };
    struct Node {
        explicit Node(Kind k) : kind(k) {}
        Kind kind;
        std::uint32_t cls = 0;                      // Set
        int group = -1;                             // Group: capture index, -1 for (?:...)
        int min = 0, max = 0;                       // Repeat: max -1 = unbounded
        std::vector<Node> kids;
    };
    using Set = std::bitset<256>;

    [[noreturn]] void fail(const char* what) const {
        throw std::invalid_argument("Pattern: " + std::string(what) + " at offset " + std::to_string(i_) + " of " + std::string(s_));
    }
    bool more() const { return i_ < s_.size(); }
    char peek() const { return s_[i_]; }

    Node alternation() {
        Node alt(Kind::Alt);
        alt.kids.push_back(sequence());
        while (more() && peek() == '|') { ++i_; alt.kids.push_back(sequence()); }
        return alt.kids.size() == 1 ? std::move(alt.kids[0]) : alt;
    }

    Node sequence() {
        Node cat(Kind::Cat);
        while (more() && peek() != '|' && peek() != ')') cat.kids.push_back(quantified());
        return cat;
    }

    Node quantified() {
        Node atom = this->atom();
        if (!more()) return atom;
        int min = 0, max = 0;
        switch (peek()) {
        case '?': min = 0; max = 1; ++i_; break;
        case '*': min = 0; max = -1; ++i_; break;
        case '+': min = 1; max = -1; ++i_; break;
        case '{': {
            ++i_;
            min = number();
            max = min;
            if (more() && peek() == ',') {
                ++i_;
                max = more() && peek() == '}' ? -1 : number();
            }
            if (!more() || peek() != '}') fail("'{' without '}'");
            ++i_;
            if (max != -1 && max < min) fail("{n,m} with m < n");
            break;
        }
        default: return atom;
        }
        if (more() && (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{')) fail("lazy or repeated quantifier");
        if (atom.kind == Kind::Begin || atom.kind == Kind::End) fail("quantified assertion");
        if (max == -1 && nullable(atom)) fail("an unbounded repeat of what can match nothing");
        Node r(Kind::Repeat);
        r.min = min;
        r.max = max;
        r.kids.push_back(std::move(atom));
        return r;
    }

    int number() {
        if (!more() || peek() < '0' || peek() > '9') fail("a digit expected");
        int n = 0;
        while (more() && peek() >= '0' && peek() <= '9') {
            n = n * 10 + (peek() - '0');
            if (n > 1000) fail("a repeat count above 1000");
            ++i_;
        }
        return n;
    }

    Node set_node(const Set& set) {
        Node n(Kind::Set);
        n.cls = static_cast<std::uint32_t>(p_.classes_.size());
        p_.classes_.push_back(set);
        return n;
    }

    Node atom() {
        const char c = s_[i_++];
        switch (c) {
        case '(': {
            Node g(Kind::Group);
            if (more() && peek() == '?') {
                if (i_ + 1 >= s_.size() || s_[i_ + 1] != ':') fail("only (?: groups");
                i_ += 2;
            } else {
                if (groups_ == Pattern::kMaxGroups) fail("more than kMaxGroups groups");
                g.group = static_cast<int>(++groups_);
            }
            g.kids.push_back(alternation());
            if (!more() || peek() != ')') fail("'(' without ')'");
            ++i_;
            return g;
        }
        case '^': return Node(Kind::Begin);
        case '$': return Node(Kind::End);
        case '.': { Set any; any.set(); any.reset('\n'); any.reset('\r'); return set_node(any); }
        case '[': return set_node(bracket());
        case '\\': { Set set; escape(set, false); return set_node(set); }
        case ')': case '*': case '+': case '?': case '{': case '}': case ']': --i_; fail("a literal expected");
        default: { Set one; one.set(static_cast<unsigned char>(c)); return set_node(one); }
        }
    }

    // After a '\': adds what the escape stands for to `set`; returns the byte for a single
    // character (a range's end), -1 for a class such as \d.
    int escape(Set& set, bool in_class) {
        if (!more()) fail("a trailing '\\'");
        const char c = s_[i_++];
        auto add = [&set](bool (*in)(unsigned char), bool negate) {
            for (int b = 0; b < 256; ++b) if (in(static_cast<unsigned char>(b)) != negate) set.set(static_cast<std::size_t>(b));
            return -1;
        };
        static constexpr auto digit = [](unsigned char b) { return b >= '0' && b <= '9'; };
        static constexpr auto word = [](unsigned char b) { return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_'; };
        static constexpr auto space = [](unsigned char b) { return b == ' ' || (b >= '\t' && b <= '\r'); };
        int single;
        switch (c) {
        case 'd': return add(digit, false);
        case 'D': return add(digit, true);
        case 'w': return add(word, false);
        case 'W': return add(word, true);
        case 's': return add(space, false);
        case 'S': return add(space, true);
        case 't': single = '\t'; break;
        case 'n': single = '\n'; break;
        case 'r': single = '\r'; break;
        case 'f': single = '\f'; break;
        case 'v': single = '\v'; break;
        default:
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) { --i_; fail(in_class ? "an escape in a class" : "an escape"); }
            single = static_cast<unsigned char>(c);   // escaped punctuation stands for itself
        }
        set.set(static_cast<std::size_t>(single));
        return single;
    }

    Set bracket() {
        Set set;
        bool negate = false;
        if (more() && peek() == '^') { negate = true; ++i_; }
        bool first = true;
        while (true) {
            if (!more()) fail("'[' without ']'");
            if (peek() == ']' && !first) { ++i_; break; }
            first = false;
            int lo;
            if (peek() == '\\') { ++i_; lo = escape(set, true); }
            else { lo = static_cast<unsigned char>(s_[i_++]); set.set(static_cast<std::size_t>(lo)); }
            // A range: lo '-' hi, unless the '-' ends the class. A '-' right after a range starts
            // no range of its own: it is read as the next lo, and so literal ("a-z-_").
            if (lo >= 0 && i_ + 1 < s_.size() && peek() == '-' && s_[i_ + 1] != ']') {
                ++i_;
                int hi;
                if (peek() == '\\') { ++i_; Set ignored; hi = escape(ignored, true); }
                else hi = static_cast<unsigned char>(s_[i_++]);
                if (hi < 0) fail("a class as a range's end");
                if (hi < lo) fail("a range out of order");
                for (int b = lo; b <= hi; ++b) set.set(static_cast<std::size_t>(b));
            }
        }
        return negate ? ~set : set;
    }

    static bool nullable(const Node& n) {
        switch (n.kind) {
        case Kind::Set: return false;
        case Kind::Begin: case Kind::End: return true;
        case Kind::Group: return nullable(n.kids[0]);
        case Kind::Repeat: return n.min == 0 || nullable(n.kids[0]);
        case Kind::Cat: for (const Node& k : n.kids) if (!nullable(k)) return false; return true;
        case Kind::Alt: for (const Node& k : n.kids) if (nullable(k)) return true; return false;
        }
        return true;
    }

    std::uint32_t pc() const { return static_cast<std::uint32_t>(p_.prog_.size()); }
    std::uint32_t emit(Pattern::Inst inst) { p_.prog_.push_back(inst); return pc() - 1; }

    void emit_node(const Node& n) {
        using Op = Pattern::Op;
        switch (n.kind) {
        case Kind::Set: emit({Op::Set, n.cls}); break;
        case Kind::Begin: emit({Op::Begin}); break;
        case Kind::End: emit({Op::End}); break;
        case Kind::Cat: for (const Node& k : n.kids) emit_node(k); break;
        case Kind::Group:
            if (n.group >= 0) emit({Op::Save, static_cast<std::uint32_t>(2 * n.group)});
            emit_node(n.kids[0]);
            if (n.group >= 0) emit({Op::Save, static_cast<std::uint32_t>(2 * n.group + 1)});
            break;
        case Kind::Alt: {
            std::vector<std::uint32_t> to_end;
            for (std::size_t k = 0; k < n.kids.size(); ++k) {
                const bool last = k + 1 == n.kids.size();
                const std::uint32_t split = last ? 0 : emit({Op::Split});
                if (!last) p_.prog_[split].x = pc();
                emit_node(n.kids[k]);
                if (!last) { to_end.push_back(emit({Op::Jmp})); p_.prog_[split].y = pc(); }
            }
            for (std::uint32_t j : to_end) p_.prog_[j].x = pc();
            break;
        }
        case Kind::Repeat: {
            for (int k = 0; k < n.min; ++k) emit_node(n.kids[0]);
            if (n.max == -1) {                      // L: split body, out; body; jmp L
                const std::uint32_t split = emit({Op::Split});
                p_.prog_[split].x = pc();
                emit_node(n.kids[0]);
                emit({Op::Jmp, split});
                p_.prog_[split].y = pc();
            } else {                                // (max - min) optional copies, each skipping to the end
                std::vector<std::uint32_t> skips;
                for (int k = n.min; k < n.max; ++k) {
                    const std::uint32_t split = emit({Op::Split});
                    p_.prog_[split].x = pc();
                    skips.push_back(split);
                    emit_node(n.kids[0]);
                }
                for (std::uint32_t s : skips) p_.prog_[s].y = pc();
            }
            break;
        }
        }
    }

    Pattern& p_;
    std::string_view s_;
    std::size_t i_ = 0;
    std::size_t groups_ = 0;
};

Pattern::Pattern(std::string_view ecmascript) { PatternCompiler(*this, ecmascript).compile(); }

namespace {

constexpr std::size_t kUnset = static_cast<std::size_t>(-1);

// One step's threads in priority order, each with its group slots (ncap per thread).
struct Threads {
    std::vector<std::uint32_t> pcs;
    std::vector<std::size_t> caps;
    void clear() { pcs.clear(); caps.clear(); }
};

} // namespace

bool Pattern::match(std::string_view input, Groups* groups) const {
    const std::size_t ncap = groups ? 2 * (groups_ + 1) : 0;
    const std::size_t n = input.size();
    std::vector<std::uint32_t> seen(prog_.size(), 0);
    std::uint32_t generation = 0;
    std::vector<std::size_t> caps(ncap, kUnset);
    std::vector<std::size_t> best;
    bool matched = false;

    // Follows jumps, splits (preferred branch first), saves and assertions from `pc` at `pos`,
    // adding the Set and Match instructions reached to `list`. Recursion is bounded by the
    // program's length, never by the input's.
    auto add = [&](auto& self, Threads& list, std::uint32_t pc, std::size_t pos) -> void {
        if (seen[pc] == generation) return;
        seen[pc] = generation;
        const Inst& inst = prog_[pc];
        switch (inst.op) {
        case Op::Jmp: self(self, list, inst.x, pos); break;
        case Op::Split: self(self, list, inst.x, pos); self(self, list, inst.y, pos); break;
        case Op::Save:
            if (inst.x < ncap) {
                const std::size_t old = caps[inst.x];
                caps[inst.x] = pos;
                self(self, list, pc + 1, pos);
                caps[inst.x] = old;
            } else {
                self(self, list, pc + 1, pos);
            }
            break;
        case Op::Begin: if (pos == 0) self(self, list, pc + 1, pos); break;
        case Op::End: if (pos == n) self(self, list, pc + 1, pos); break;
        case Op::Set: case Op::Match:
            list.pcs.push_back(pc);
            list.caps.insert(list.caps.end(), caps.begin(), caps.end());
            break;
        }
    };

    Threads now, next;
    ++generation;
    add(add, now, 0, 0);
    for (std::size_t pos = 0; pos <= n && !now.pcs.empty(); ++pos) {
        next.clear();
        ++generation;
        for (std::size_t t = 0; t < now.pcs.size(); ++t) {
            const Inst& inst = prog_[now.pcs[t]];
            if (inst.op == Op::Match) {
                if (pos != n) continue;            // only a match of the whole input counts
                matched = true;
                best.assign(now.caps.begin() + static_cast<std::ptrdiff_t>(t * ncap), now.caps.begin() + static_cast<std::ptrdiff_t>((t + 1) * ncap));
                break;                              // lower-priority threads lose
            }
            if (pos < n && classes_[inst.x].test(static_cast<unsigned char>(input[pos]))) {
                std::copy(now.caps.begin() + static_cast<std::ptrdiff_t>(t * ncap), now.caps.begin() + static_cast<std::ptrdiff_t>((t + 1) * ncap), caps.begin());
                add(add, next, now.pcs[t] + 1, pos + 1);
            }
        }
        if (matched) break;
        std::swap(now, next);
    }
    if (matched && groups) {
        groups->assign(groups_ + 1, std::nullopt);
        for (std::size_t g = 0; g <= groups_; ++g)
            if (best[2 * g] != kUnset && best[2 * g + 1] != kUnset) (*groups)[g] = Group{best[2 * g], best[2 * g + 1]};
    }
    return matched;
}

} // namespace invokelab
