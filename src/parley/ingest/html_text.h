// The small slice of HTML that social networks put in post bodies (Mastodon's `content`: <p>, <br>, links,
// mention spans) turned into the plain text parley works on. Not a general HTML parser.
#pragma once

#include <string>
#include <string_view>

namespace parley::ingest {

// Strips tags; <br> becomes "\n", a paragraph boundary "\n\n", other block ends (</div>, </li>,
// </blockquote>, </h1>..</h6>) "\n"; source newlines count as spaces, as in a browser. Entities are decoded
// via decode_entities. Leading/trailing whitespace of the result is trimmed.
std::string html_to_text(std::string_view html);

// Decodes &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; (to U+00A0) and numeric &#NNN; / &#xHH; references.
// Unknown or malformed references are kept literally; numeric ones naming no valid scalar value become
// U+FFFD, so the result is valid UTF-8 whenever the input is.
std::string decode_entities(std::string_view s);
void append_decoded_entities(std::string_view s, std::string& out);

}  // namespace parley::ingest
