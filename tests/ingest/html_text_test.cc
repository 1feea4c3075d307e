#include "parley/ingest/html_text.h"

#include <gtest/gtest.h>

#include "parley/core/utf8.h"

namespace parley::ingest {
namespace {

TEST(HtmlText, ParagraphsAndBreaksBecomeNewlines) {
  EXPECT_EQ(html_to_text("<p>One<br>two<br/>three<br />four</p><p>Second para</p>"),
            "One\ntwo\nthree\nfour\n\nSecond para");
}

TEST(HtmlText, StripsTagsKeepsLinkAndMentionText) {
  EXPECT_EQ(html_to_text(R"(<p><span class="h-card"><a href="https://x.example/@acme" class="u-url mention">@<span>acme</span></a></span> see <a href="https://example.com/a/b"><span class="invisible">https://</span><span class="ellipsis">example.com/a</span><span class="invisible">/b</span></a></p>)"),
            "@acme see https://example.com/a/b");
}

TEST(HtmlText, DecodesNamedAndNumericEntities) {
  EXPECT_EQ(html_to_text("<p>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &apos;f&apos;</p>"),
            "a & b <c> \"d\" 'e' 'f'");
  EXPECT_EQ(decode_entities("x&nbsp;y"), "x\xC2\xA0y");
  EXPECT_EQ(decode_entities("&#233;t&#xE9; &#x1F64F;"), "été 🙏");
  EXPECT_EQ(decode_entities("&#X41;"), "A");
}

TEST(HtmlText, UnknownOrMalformedEntitiesStayLiteral) {
  EXPECT_EQ(decode_entities("AT&T &copy; &; &#; &#xZZ; & alone"), "AT&T &copy; &; &#; &#xZZ; & alone");
}

TEST(HtmlText, InvalidCodePointsBecomeReplacementCharacter) {
  std::string s = decode_entities("&#0;&#xD800;&#x110000;&#99999999;");
  EXPECT_EQ(s, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_TRUE(is_valid_utf8(s));
}

TEST(HtmlText, StrayAngleBracketIsText) {
  EXPECT_EQ(html_to_text("<p>1 < 2"), "1 < 2");
}

TEST(HtmlText, SourceNewlinesAreSpacesAndResultIsTrimmed) {
  EXPECT_EQ(html_to_text("\n<p>  hello\nworld  </p>\n<p>\nnext</p>\n"), "hello world\n\nnext");
  EXPECT_EQ(html_to_text(""), "");
  EXPECT_EQ(html_to_text("<p></p>"), "");
}

TEST(HtmlText, BlockEndsBreakLines) {
  EXPECT_EQ(html_to_text("<ul><li>one</li><li>two</li></ul><blockquote>q</blockquote>after"), "one\ntwo\nq\nafter");
}

TEST(HtmlText, UppercaseTags) { EXPECT_EQ(html_to_text("<P>a<BR>b</P>"), "a\nb"); }

}  // namespace
}  // namespace parley::ingest
