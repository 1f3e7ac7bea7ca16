// The pieces of the streamed path (cleaner, passage splitter) give, for any cut of a text into
// pieces at line breaks, exactly what they give for the whole text.

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "pith/analyzer.hpp"
#include "pith/cleaner.hpp"
#include "pith/config.hpp"
#include "pith/passage_splitter.hpp"

namespace {

// A news-like text with everything the cleaner and the splitter decide on: headline runs,
// boilerplate lines, repeated paragraphs, wrapped prose, short and long paragraphs.
std::string sample_text(unsigned seed) {
    std::mt19937 random(seed);
    const std::vector<std::string> words = {"canola", "tariff", "China", "farmers", "Ottawa", "export",
                                            "the", "of", "a", "grain", "levy", "market", "price"};
    auto sentence = [&](std::size_t n) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) s += (i ? " " : "") + words[random() % words.size()];
        return s + ".";
    };
    std::string text = "A headline for the story\n\n";
    for (int p = 0; p < 300; ++p) {
        switch (random() % 9) {
            case 0: text += "Markets\nSports\nWorld\nOpinion\nBusiness\n"; break;
            case 1: text += "Advertisement\n"; break;
            case 2: text += "The same paragraph appears twice on this page of news.\n"; break;
            case 3: text += "a short line\nwrapped onto the next\n"; break;
            case 4: text += "\n\n"; break;
            case 5: text += sentence(3 + random() % 5) + "\n"; break;
            default: text += sentence(10 + random() % 200) + "\n"; break;
        }
    }
    return text + "Legal Disclaimer: everything after this is not the story.\nMore text.\n";
}

// `text` cut into pieces at line breaks, about `size` bytes each.
std::vector<std::string> pieces_of(const std::string& text, std::size_t size) {
    std::vector<std::string> pieces;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', std::min(text.size(), start + size));
        end = end == std::string::npos ? text.size() : end + 1;
        pieces.push_back(text.substr(start, end - start));
        start = end;
    }
    return pieces;
}

}  // namespace

TEST_CASE("the cleaner fed piece by piece cleans exactly as on the whole text") {
    const pith::Cleaner cleaner(pith::IndexConfig::defaults().cleaning);
    for (unsigned seed = 1; seed <= 5; ++seed) {
        const std::string text = sample_text(seed);
        const pith::CleanedText whole = cleaner.clean(text);
        for (std::size_t size : {1, 40, 300, 5000}) {
            pith::CleanerStream stream(cleaner);
            std::string streamed;
            for (const std::string& piece : pieces_of(text, size)) streamed += stream.feed(piece);
            streamed += stream.finish();
            INFO("seed " << seed << ", pieces of " << size << " bytes");
            CHECK(streamed == whole.text);
            CHECK(stream.dropped() == whole.dropped);
        }
    }
}

TEST_CASE("the passage splitter fed piece by piece cuts exactly the passages of the whole text") {
    const pith::IndexConfig config = pith::IndexConfig::defaults();
    const pith::Analyzer analyzer(config);
    const pith::PassageSplitter splitter(analyzer, config.passage_max_words, config.passage_min_words);
    for (unsigned seed = 1; seed <= 3; ++seed) {
        const std::string text = sample_text(seed);
        const std::vector<pith::Passage> whole = splitter.split(text);
        for (std::size_t size : {1, 100, 4000}) {
            pith::PassageStream stream(splitter);
            std::vector<pith::Passage> streamed;
            auto take = [&](std::vector<pith::Passage> more) {
                streamed.insert(streamed.end(), more.begin(), more.end());
            };
            for (const std::string& piece : pieces_of(text, size)) take(stream.feed(piece));
            take(stream.finish());
            INFO("seed " << seed << ", pieces of " << size << " bytes");
            REQUIRE(streamed.size() == whole.size());
            for (std::size_t i = 0; i < whole.size(); ++i) {
                CHECK(streamed[i].ordinal == whole[i].ordinal);
                CHECK(streamed[i].begin == whole[i].begin);
                CHECK(streamed[i].end == whole[i].end);
                CHECK(streamed[i].text == whole[i].text);
            }
        }
    }
}
