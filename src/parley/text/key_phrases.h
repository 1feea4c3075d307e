// Key phrases of one post, RAKE-style (Rose et al. 2010, "Automatic keyword extraction from individual
// documents"): candidate phrases are runs of content words between stopwords, punctuation, URLs, mentions
// and emoji; each word scores degree/frequency (words that sit in longer phrases score higher), a phrase
// scores the sum of its words. Hashtags are phrases by themselves. Works on the shared tokenisation so it
// costs no second pass over the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "parley/text/tokenizer.h"

namespace parley::text {

// True when `norm` (lower-case) is a stopword of `language` ("en", "es", "pt", "de", "fr"); English words
// always count too because social posts mix them in. Unknown languages use all five lists.
bool is_stopword(std::string_view norm, std::string_view language);

// Up to `max_phrases` phrases (words joined by one space, from Token::norm; hashtags with their '#'), best
// first; ties keep text order. Phrases longer than 4 words are cut into their first 4, as RAKE's long runs
// in unpunctuated posts are usually several phrases.
std::vector<std::string> key_phrases(const Tokenized& t, std::string_view language, std::size_t max_phrases = 5);

}  // namespace parley::text
