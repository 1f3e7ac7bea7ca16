// pith-golden-tokens FILE.txt [LANGUAGE]: prints the analyzer's tokens of FILE.txt (default configuration, or
// the given stemmer language)
// in the golden-file format. Its output is a draft: check every line by hand before saving it
// as FILE.tokens, or the golden test only proves the analyzer agrees with itself.

#include <fstream>
#include <iostream>
#include <sstream>

#include "golden_tokens.hpp"
#include "pith/analyzer.hpp"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 3) {
        std::cerr << "usage: pith-golden-tokens FILE.txt [LANGUAGE]\n";
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        std::cerr << "pith-golden-tokens: cannot read '" << argv[1] << "'\n";
        return 2;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    pith::IndexConfig config = pith::IndexConfig::defaults();
    if (argc == 3) config.language = argv[2];
    pith::Analyzer analyzer(config);
    for (const pith::Token& token : analyzer.analyze(text))
        std::cout << pith::test::format_golden_token(text, token) << '\n';
    return 0;
}
