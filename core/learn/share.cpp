// Share links: base64url without padding (see share.h).
#include "learn/share.h"
#include "learn/scenario.h"
#include "util/base64.h"

namespace invokelab {
namespace {

ShareDecode refuse(const std::string& en, const std::string& ko) {
    ShareDecode d;
    d.error = {en, ko};
    return d;
}

} // namespace

std::string encode_share_fragment(const std::string& text) { return base64url_encode(text); }

ShareDecode decode_share_fragment(const std::string& fragment) {
    std::string f = fragment;
    if (f.rfind("#s=", 0) == 0) f.erase(0, 3);
    else if (f.rfind("s=", 0) == 0) f.erase(0, 2);
    if (f.size() > kMaxShareFragmentChars)
        return refuse("This link is too long (" + std::to_string(f.size()) + " characters after #s=; at most 24000). "
                      "Share a shorter session.",
                      "이 링크는 너무 깁니다 (#s= 뒤가 " + std::to_string(f.size()) + "자, 최대 24000자). 더 짧은 세션을 공유해 주세요.");
    if (f.empty()) return refuse("This link holds no session (nothing after #s=).", "이 링크에는 세션이 없습니다 (#s= 뒤가 비어 있음).");
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (base64url_value(f[i]) < 0) {
            const unsigned char c = static_cast<unsigned char>(f[i]);
            const std::string shown = (c >= 0x21 && c < 0x7F) ? "'" + std::string(1, f[i]) + "'" : "byte " + std::to_string(c);
            return refuse("This link is damaged: " + shown + " at position " + std::to_string(i + 1) +
                              " is not a base64url character (A-Z a-z 0-9 - _).",
                          "이 링크가 손상되었습니다: " + std::to_string(i + 1) + "번째 문자 " + shown +
                              "은(는) base64url 문자(A-Z a-z 0-9 - _)가 아닙니다.");
        }
    }
    if (f.size() % 4 == 1)
        return refuse("This link is damaged: its length (" + std::to_string(f.size()) + ") is impossible for base64url; "
                      "part of it may have been cut off.",
                      "이 링크가 손상되었습니다: 길이(" + std::to_string(f.size()) + ")가 base64url로 불가능합니다. 일부가 잘렸을 수 있습니다.");
    std::string bytes = *base64url_decode(f);           // every character and the length were checked above
    if (!is_valid_utf8(bytes))
        return refuse("This link is damaged: its content is not UTF-8 text.", "이 링크가 손상되었습니다: 내용이 UTF-8 텍스트가 아닙니다.");
    ShareDecode d;
    d.ok = true;
    d.text = std::move(bytes);
    return d;
}

} // namespace invokelab
