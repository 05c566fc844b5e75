package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// Transformer returns a transform.Transformer that normalizes a byte stream
// with n's rules in fixed memory, for use with transform.NewReader,
// transform.NewWriter or transform.Chain. Invalid UTF-8 bytes become U+FFFD,
// one per byte. It keeps no state between calls and may be shared.
func (n *Normalizer) Transformer() transform.Transformer { return transformer{n} }

type transformer struct{ n *Normalizer }

// maxExpansion bounds the UTF-8 length of one rune's replacement: the
// longest NFKC unfolding of a presentation form (U+FDFA) is 33 bytes.
const maxExpansion = 64

// Reset implements transform.Transformer; the transformer has no state.
func (transformer) Reset() {}

// Transform implements transform.Transformer.
func (t transformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	n := t.n
	for nSrc < len(src) {
		c := src[nSrc]
		if c < utf8.RuneSelf && n.low[c].kind == keep {
			if nDst >= len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = c
			nDst++
			nSrc++
			continue
		}
		if c >= 0xC2 && c < 0xE0 && nSrc+1 < len(src) && src[nSrc+1]&0xC0 == 0x80 {
			// Two-byte sequences (all of Arabic) decoded inline; the
			// common case, a letter kept as it is, copied directly.
			r := rune(c&0x1F)<<6 | rune(src[nSrc+1]&0x3F)
			if a := &n.low[r]; a.kind == keep || a.kind == mapTo {
				out, k := src[nSrc:nSrc+2], 2
				if a.kind == mapTo {
					out, k = a.toEnc[:a.toLen], int(a.toLen)
				}
				if len(dst)-nDst < k {
					return nDst, nSrc, transform.ErrShortDst
				}
				nDst += copy(dst[nDst:], out)
				nSrc += 2
				continue
			}
		}
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size == 1 && !atEOF && !utf8.FullRune(src[nSrc:]) {
			return nDst, nSrc, transform.ErrShortSrc
		}
		// Check the exact need only when space is short.
		if len(dst)-nDst < maxExpansion && len(dst)-nDst < n.outLen(r) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += len(n.appendRune(dst[nDst:nDst], r))
		nSrc += size
	}
	return nDst, nSrc, nil
}
