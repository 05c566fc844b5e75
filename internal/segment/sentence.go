package segment

// Sentence boundaries are found on normalized text:
//   - a line break ends a sentence (news files put one paragraph, title or
//     dateline a line);
//   - . ! ? ؟ ؛ end a sentence, together with any run of terminators and
//     the closing quotes and brackets that follow them;
//   - a full stop is not a boundary between two digits (3.5, 2021.10.3),
//     after a one-letter Arabic abbreviation (د. for doctor, م. for
//     engineer) or between Latin letters (U.S.A);
//   - a sentence longer than the caller's limit is cut at its last space
//     (or, with no space, at the last rune boundary), so memory stays
//     bounded on text with no punctuation at all.
//
// A boundary is decided from the sentence's own text and at most one rune
// after it, never from how much text happens to have arrived: spaces after
// a boundary open the next sentence. So a stream is cut the same way
// whatever its chunking, and a line's sentence is complete as soon as its
// line break arrives.

// maybeTerminator marks the bytes that can start a sentence terminator.
var maybeTerminator = [256]bool{'\n': true, '!': true, '?': true, '.': true, 0xD8: true}

// Boundary is the end of the next sentence found by NextSentence.
type Boundary struct {
	End    int  // byte length of the sentence
	Forced bool // cut at the length limit, not at punctuation
}

// NextSentence finds the end of the sentence at the start of text. It
// returns ok=false when more text is needed to decide; with atEOF the whole
// remainder is a sentence. maxBytes (if > 0) bounds a sentence's length,
// except that a sentence always keeps its first rune. When ok, End > 0.
func NextSentence(text []byte, atEOF bool, maxBytes int) (b Boundary, ok bool) {
	limit := len(text)
	if maxBytes > 0 && limit > maxBytes {
		limit = maxBytes
	}
	for i := 0; i < limit; {
		// Skip bytes that cannot start a terminator without decoding: the
		// only non-ASCII terminators are ؟ (D8 9F) and ؛ (D8 9B).
		c := text[i]
		if !maybeTerminator[c] {
			i++
			continue
		}
		if c == 0xD8 && (i+1 >= len(text) || (text[i+1] != 0x9F && text[i+1] != 0x9B)) {
			i += 2
			continue
		}
		r, size := decode(text, i)
		switch r {
		case '\n':
			return Boundary{End: i + size}, true
		case '!', '?', '؟', '؛':
			return afterTerminators(text, i, atEOF, maxBytes)
		case '.':
			if i+1 >= len(text) && !atEOF {
				return Boundary{}, false // 3. may become 3.5
			}
			if !isAbbreviationOrNumber(text, i) {
				return afterTerminators(text, i, atEOF, maxBytes)
			}
		}
		i += size
	}
	if maxBytes > 0 && len(text) >= maxBytes {
		return Boundary{End: forcedCut(text, maxBytes), Forced: true}, true
	}
	if atEOF && len(text) > 0 {
		return Boundary{End: len(text)}, true
	}
	return Boundary{}, false
}

// afterTerminators returns the end of the sentence whose terminator is at
// text[i]: past the run of terminators and closers. It cannot decide while
// the text ends inside that run, unless the run reaches maxBytes.
func afterTerminators(text []byte, i int, atEOF bool, maxBytes int) (Boundary, bool) {
	for i < len(text) {
		r, size := decode(text, i)
		if !isTerminator(r) && !isCloser(r) {
			return Boundary{End: i}, true
		}
		if maxBytes > 0 && i+size > maxBytes {
			if i == 0 {
				i = size // a sentence always keeps at least its first rune
			}
			return Boundary{End: i, Forced: true}, true
		}
		i += size
	}
	if atEOF {
		return Boundary{End: i}, true
	}
	return Boundary{}, false
}

func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '؛', '…':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', ')', ']', '}', '»', '”', '’', '›':
		return true
	}
	return false
}

// isAbbreviationOrNumber reports whether the full stop at text[i] is inside
// a number, after a one-letter Arabic abbreviation or between Latin letters.
func isAbbreviationOrNumber(text []byte, i int) bool {
	if i == 0 || i+1 >= len(text) {
		return false
	}
	prev, prevSize := decodeLast(text[:i])
	next, _ := decode(text, i+1)
	pc, nc := classOf(prev), classOf(next)
	switch {
	case pc == cDigit && nc == cDigit:
		return true
	case pc == cLetter && nc == cLetter:
		return true
	case pc == cArabic:
		// A single Arabic letter standing alone before the stop.
		j := i - prevSize
		if j == 0 {
			return true
		}
		before, _ := decodeLast(text[:j])
		c := classOf(before)
		return c == cSpace || c == cPunct
	}
	return false
}

// decodeLast returns the last rune of b and its size.
func decodeLast(b []byte) (rune, int) {
	n := len(b)
	if n == 0 {
		return 0, 0
	}
	if b[n-1] < 0x80 {
		return rune(b[n-1]), 1
	}
	start := n - 1
	for start > 0 && n-start < 4 && b[start]&0xC0 == 0x80 {
		start--
	}
	r, size := decode(b, start)
	if start+size != n {
		return 0xFFFD, 1
	}
	return r, size
}

// forcedCut picks where to cut an over-long sentence: after the last space
// in the first maxBytes, else at the last rune boundary within them (or
// after the first rune, if maxBytes is shorter than it).
func forcedCut(text []byte, maxBytes int) int {
	if maxBytes > len(text) {
		maxBytes = len(text)
	}
	for i := maxBytes - 1; i > maxBytes/2; i-- {
		if text[i] == ' ' || text[i] == '\n' {
			return i + 1
		}
	}
	i := maxBytes
	for i > 0 && i < len(text) && text[i]&0xC0 == 0x80 {
		i--
	}
	if i == 0 {
		_, size := decode(text, 0)
		return size
	}
	return i
}
