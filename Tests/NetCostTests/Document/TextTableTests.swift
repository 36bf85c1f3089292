// netcost — Apache-2.0
//
// Text tables align by characters, not bytes, and CSV quotes what RFC 4180
// says to quote. Every expected line is laid out by hand below.

import NetCost
import Testing

@Suite("Text tables and CSV fields")
struct TextTableTests {
  /// The table's lines between its rules.
  func lines(_ rows: [[String]]) -> [String] {
    TextTableView(header: ["n", "x"], rightAligned: [], rows: rows).render().split(separator: "\n").map(String.init)
      .filter { !$0.hasPrefix("─") }
  }

  @Test("a non-ASCII character is one column wide: '1×4' is 3 wide, padded by 1 beside 'abcd'")
  func multibyteWidth() {
    // Column 0 is 4 wide ("abcd"); two spaces separate the columns.
    #expect(lines([["1×4", "a"], ["abcd", "b"]]) == ["n     x", "1×4   a", "abcd  b"])
  }

  @Test("a letter with a combining accent is one character: padded like one")
  func combiningMark() {
    // "e" + U+0301 is one character: column 0 is 2 wide ("ab").
    #expect(lines([["e\u{301}", "1"], ["ab", "2"]]) == ["n   x", "e\u{301}   1", "ab  2"])
  }

  @Test("a control byte in a cell is shown escaped and counted as shown")
  func escapedCell() {
    // "a\nb" is shown as the 4 characters a \ n b.
    #expect(lines([["a\nb", "1"]]) == ["n     x", "a\\nb  1"])
  }

  @Test("CSV quotes a field with a comma, a quote, LF or CR, doubling its quotes")
  func csvQuoting() {
    #expect(DocumentRenderer.quote("plain") == "plain")
    #expect(DocumentRenderer.quote("a,b") == "\"a,b\"")
    #expect(DocumentRenderer.quote("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(DocumentRenderer.quote("a\r\nb") == "\"a\r\nb\"")
    #expect(DocumentRenderer.quote("a\rb") == "\"a\rb\"")
  }
}
