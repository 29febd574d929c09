// Invoke Lab core (learn): a message for people, in English and Korean.
//
// Index
//   Message      {en, ko}; empty en = no message (success)
//   to_json      {"en": …, "ko": …}
//
// Errors of the learning layer (a bad scenario, a broken share link) are shown in the page
// in the learner's language, so every refusal carries both texts.
#pragma once
#include <string>
#include <nlohmann/json.hpp>

namespace invokelab {

struct Message {
    std::string en, ko;
    bool empty() const { return en.empty() && ko.empty(); }
};

inline nlohmann::ordered_json to_json(const Message& m) { return nlohmann::ordered_json{{"en", m.en}, {"ko", m.ko}}; }

} // namespace invokelab
