// Quiz items, pure parts (see quiz.h).
#include "learn/quiz.h"
#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace invokelab {
namespace {

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : text) { h ^= c; h *= 1099511628211ULL; }
    return h;
}

} // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

ojson choose_params(const ojson& item, std::uint64_t seed) {
    ojson chosen = ojson::object();
    if (!item.contains("params")) return chosen;
    const ojson& params = item["params"];
    if (!params.is_object()) throw std::invalid_argument("\"params\" must be an object of value lists");
    const std::string id = item.value("id", "");
    for (const auto& [name, values] : params.items()) {
        if (!values.is_array() || values.empty()) throw std::invalid_argument("param \"" + name + "\" needs a non-empty list of values");
        std::uint64_t state = seed + fnv1a(id + "/" + name);
        const std::uint64_t index = splitmix64(state) % values.size();
        chosen[name] = values[static_cast<std::size_t>(index)];
    }
    return chosen;
}

std::string substitute(const std::string& text, const ojson& params) {
    if (!params.is_object() || params.empty()) return text;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            const std::size_t close = text.find('}', i + 1);
            if (close != std::string::npos) {
                const std::string name = text.substr(i + 1, close - i - 1);
                auto it = params.find(name);
                if (it != params.end()) {
                    out += it->is_string() ? it->get<std::string>() : it->dump();
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

ojson substitute(const ojson& value, const ojson& params) {
    if (value.is_string()) return substitute(value.get<std::string>(), params);
    if (value.is_array() || value.is_object()) {
        ojson out = value;
        for (auto& child : out) child = substitute(child, params);
        return out;
    }
    return value;
}

bool numeric_matches(double answer, double key, double tolerance) {
    return std::isfinite(answer) && std::fabs(answer - key) <= tolerance + 1e-9;
}

bool same_choice_set(std::vector<std::string> picked, std::vector<std::string> key) {
    std::sort(picked.begin(), picked.end());
    picked.erase(std::unique(picked.begin(), picked.end()), picked.end());
    std::sort(key.begin(), key.end());
    return picked == key;
}

bool predict_matches(const std::vector<double>& times, const std::string& outcome,
                     const std::vector<double>& key_times, const std::string& key_outcome, double tolerance) {
    if (times.size() != key_times.size() || outcome != key_outcome) return false;
    for (std::size_t i = 0; i < times.size(); ++i)
        if (!numeric_matches(times[i], key_times[i], tolerance)) return false;
    return true;
}

std::vector<ojson> knob_combinations(const ojson& knobs) {
    if (!knobs.is_array() || knobs.empty()) throw std::invalid_argument("\"knobs\" must be a non-empty array");
    std::vector<std::pair<std::string, ojson>> axes;
    std::size_t total = 1;
    for (const auto& k : knobs) {
        if (!k.is_object() || !k.contains("name") || !k["name"].is_string()) throw std::invalid_argument("each knob needs a \"name\"");
        const std::string name = k["name"].get<std::string>();
        const ojson* values = nullptr;
        if (k.contains("choices")) values = &k["choices"];
        else if (k.contains("candidates")) values = &k["candidates"];
        if (!values || !values->is_array() || values->empty())
            throw std::invalid_argument("knob \"" + name + "\" needs non-empty \"choices\" or \"candidates\"");
        for (const auto& [other, unused] : axes) if (other == name) throw std::invalid_argument("knob \"" + name + "\" appears twice");
        axes.emplace_back(name, *values);
        total *= values->size();
        if (total > kMaxConfigureRuns)
            throw std::invalid_argument("the knobs have more than " + std::to_string(kMaxConfigureRuns) + " combinations");
    }
    std::vector<ojson> out;
    std::vector<std::size_t> index(axes.size(), 0);
    for (std::size_t n = 0; n < total; ++n) {
        ojson combo = ojson::object();
        for (std::size_t a = 0; a < axes.size(); ++a) combo[axes[a].first] = axes[a].second[index[a]];
        out.push_back(std::move(combo));
        for (std::size_t a = axes.size(); a-- > 0;) {
            if (++index[a] < axes[a].second.size()) break;
            index[a] = 0;
        }
    }
    return out;
}

} // namespace invokelab
