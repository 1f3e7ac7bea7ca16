#pragma once
// Seeded article text for tests that need many distinct articles.

#include <random>
#include <string>

namespace pith::test {

/// An article of `paragraphs` paragraphs drawn from a fixed vocabulary with `random`: a title
/// line, then paragraphs of 8–40 words. Same seed, same text.
inline std::string generated_article(std::mt19937& random, int paragraphs) {
    static const char* const kWords[] = {
        "canola", "tariff", "harvest", "prairie", "walrus", "colony", "river", "storm", "ice", "bridge",
        "council", "budget", "school", "union", "cafe", "market", "export", "grain", "rail", "port",
        "minister", "court", "ruling", "appeal", "vote", "election", "senate", "trade", "deal", "China",
        "Canada", "Beijing", "Ottawa", "Montréal", "farmers", "growers", "prices", "rates", "bank", "dollar",
        "the", "of", "and", "a", "to", "in", "on", "with", "after", "before", "said", "reported", "warned",
        "2025", "75.8%", "U.S.", "anti-dumping", "Beijing’s", "north", "south"};
    constexpr int kCount = static_cast<int>(sizeof kWords / sizeof kWords[0]);
    std::uniform_int_distribution<int> word(0, kCount - 1);
    std::uniform_int_distribution<int> length(8, 40);
    std::string text = "Report on";
    for (int i = 0; i < 4; ++i) text += std::string(" ") + kWords[word(random)];
    text += "\n\n";
    for (int p = 0; p < paragraphs; ++p) {
        int words = length(random);
        for (int w = 0; w < words; ++w) {
            text += kWords[word(random)];
            text += (w + 1) % 12 == 0 ? ". " : " ";
        }
        text += ".\n\n";
    }
    return text;
}

}  // namespace pith::test
