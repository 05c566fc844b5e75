package normalize

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

// fuzzNormalizers caches one Normalizer per option set (building the
// tables for every input would dominate the fuzzing time).
var fuzzNormalizers sync.Map // uint16 → *Normalizer

// optionsFromBits sets the i-th bool field of Options from bit i.
func optionsFromBits(bits uint16) Options {
	var o Options
	v := reflect.ValueOf(&o).Elem()
	for i := range v.NumField() {
		v.Field(i).SetBool(bits&(1<<i) != 0)
	}
	return o
}

func fuzzNormalizer(bits uint16) *Normalizer {
	bits &= 1<<reflect.TypeFor[Options]().NumField() - 1
	if n, ok := fuzzNormalizers.Load(bits); ok {
		return n.(*Normalizer)
	}
	n, _ := fuzzNormalizers.LoadOrStore(bits, New(optionsFromBits(bits)))
	return n.(*Normalizer)
}

// transformInSteps drives a Transformer by hand: the source arrives one
// byte at a time and the destination holds dstSize bytes, so every
// ErrShortSrc and ErrShortDst path is taken.
func transformInSteps(tr transform.Transformer, src []byte, dstSize int) ([]byte, error) {
	var out, pending []byte
	dst := make([]byte, dstSize)
	i := 0
	for {
		atEOF := i >= len(src)
		nDst, nSrc, err := tr.Transform(dst, pending, atEOF)
		out = append(out, dst[:nDst]...)
		pending = pending[nSrc:]
		switch err {
		case nil:
			if len(pending) != 0 {
				return out, io.ErrNoProgress
			}
			if atEOF {
				return out, nil
			}
		case transform.ErrShortDst:
			if nDst == 0 && nSrc == 0 {
				return out, transform.ErrShortDst // the destination can never be big enough
			}
			continue
		case transform.ErrShortSrc:
			if atEOF {
				return out, transform.ErrShortSrc
			}
		default:
			return out, err
		}
		pending = append(pending, src[i])
		i++
	}
}

// FuzzNormalize checks, for any bytes and any options: no panic; the
// output is valid UTF-8 and normalizing it again changes nothing;
// AppendMapped produces the same text as String (invalid UTF-8 becomes
// U+FFFD per byte in both) whole or split at any rune boundary; its map
// is monotonic, every range non-empty and within the input's code points,
// and each range's original text normalizes to exactly its runes; the
// Transformer, fed one byte at a time, agrees with String.
func FuzzNormalize(f *testing.F) {
	seeds := []string{
		"",
		"قُتِلَ مدني في مدينة جـــاسم بدرعا، بحسب عنب بلدي.",
		"أحمد إدلب آذار ٱلله إلى مدينة مؤتمر رئيس کردی",
		"\ufedf\ufe92\ufee8\ufe8e\ufee5 \ufefb\ufef7 \ufdf2 \ufdfa \ufe94 ب\ufe76 \ufc5e",
		"a\u200bb\u200c\u200d\u200e\u200f\u061c \u202aس\u202c \u2067ص\u2069 \ufeffدرعا\u00ad",
		"٢٠٢١/١٠/٣ ۲۴ ٣٫٥ ١٬٠٠٠",
		"a\u00a0b\u2009c\u3000d\te\r\nf\u2028g\u2029h\u0085i\x02",
		"a\xffب\xd8 \xe1\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf \x80",
		"\u064e\u0651 بداية بعلامات \u0640\u0640",
		"الرَّحِيمِ ۝ ۖ هٰذا",
		"Reuters, “Jasim” 3.5 «x» ＡＢ \ufb01 😀 e\u0301",
		strings.Repeat("\ufdfa", 40),
	}
	for i, s := range seeds {
		f.Add([]byte(s), uint16(0), uint8(i))
	}
	f.Add([]byte(seeds[1]), uint16(0x07FF), uint8(3))                          // keep everything
	f.Add([]byte(seeds[3]), uint16(1), uint8(5))                               // keep presentation forms
	f.Add([]byte("إلى مدينـةٍ\u200f \ufef7"), uint16(0b11111100010), uint8(9)) // Display()

	f.Fuzz(func(t *testing.T, data []byte, bits uint16, split uint8) {
		n := fuzzNormalizer(bits)
		s := string(data)
		out := n.String(s)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q is not valid UTF-8", s, out)
		}
		if again := n.String(out); again != out {
			t.Fatalf("not idempotent: String(%q) = %q, String of that = %q", s, out, again)
		}
		if got := string(n.AppendString([]byte("x"), s)); got != "x"+out {
			t.Fatalf("AppendString = %q, want %q", got, "x"+out)
		}

		// The map, with a base so offsets are not trivially from 0.
		const base = 1000
		var m Mapped
		end := n.AppendMapped(&m, data, base)
		orig := []rune(s) // one U+FFFD per invalid byte, as AppendMapped
		if want := int32(base + len(orig)); end != want {
			t.Fatalf("AppendMapped returned %d, want %d", end, want)
		}
		if utf8.Valid(data) && string(m.Text) != out {
			t.Fatalf("AppendMapped text %q, String %q", m.Text, out)
		}
		if !utf8.Valid(data) && string(m.Text) != n.String(string(orig)) {
			t.Fatalf("AppendMapped text %q, String of the decoded input %q", m.Text, n.String(string(orig)))
		}
		if len(m.Start) != utf8.RuneCount(m.Text) || len(m.End) != len(m.Start) {
			t.Fatalf("map has %d/%d entries for %d runes", len(m.Start), len(m.End), utf8.RuneCount(m.Text))
		}
		// Runes that unfold from one presentation form share its start
		// (a mark after it extends only the last one's end); otherwise
		// ranges are disjoint and in order.
		var rebuilt []byte
		rebuiltRunes := 0
		for i := 0; i < len(m.Start); {
			st := m.Start[i]
			j := i
			for j+1 < len(m.Start) && m.Start[j+1] == st {
				j++
			}
			for k := i; k <= j; k++ {
				if en := m.End[k]; en <= st || st < base || en > end || (k > i && en < m.End[k-1]) {
					t.Fatalf("rune %d: range [%d,%d) empty, out of order or outside [%d,%d)", k, st, en, base, end)
				}
			}
			groupEnd := m.End[j]
			if j+1 < len(m.Start) && m.Start[j+1] < groupEnd {
				t.Fatalf("rune %d: range starts at %d, inside [%d,%d)", j+1, m.Start[j+1], st, groupEnd)
			}
			// The group's original text normalizes to exactly its runes.
			before := len(rebuilt)
			rebuilt = n.AppendString(rebuilt, string(orig[st-base:groupEnd-base]))
			rebuiltRunes += utf8.RuneCount(rebuilt[before:])
			if got, want := rebuiltRunes, j+1; got != want {
				t.Fatalf("original [%d,%d) %q normalizes to %d runes so far, want %d", st, groupEnd, string(orig[st-base:groupEnd-base]), got, want)
			}
			i = j + 1
		}
		if string(rebuilt) != string(m.Text) {
			t.Fatalf("original ranges normalize to %q, not %q", rebuilt, m.Text)
		}
		// Orig of the whole text covers exactly the mapped range.
		if len(m.Start) > 0 {
			if s0, e0 := m.Orig(0, len(m.Start)); s0 != int(m.Start[0]) || e0 != int(m.End[len(m.End)-1]) {
				t.Fatalf("Orig(0, %d) = [%d,%d)", len(m.Start), s0, e0)
			}
		}

		// Split at a rune boundary: appending in two pieces equals one.
		if utf8.Valid(data) && len(data) > 0 {
			cut := int(split) % (len(data) + 1)
			for cut > 0 && cut < len(data) && !utf8.RuneStart(data[cut]) {
				cut--
			}
			var parts Mapped
			mid := n.AppendMapped(&parts, data[:cut], base)
			if last := n.AppendMapped(&parts, data[cut:], mid); last != end {
				t.Fatalf("split at %d: end %d, want %d", cut, last, end)
			}
			if !bytes.Equal(parts.Text, m.Text) || !reflect.DeepEqual(parts.Start, m.Start) || !reflect.DeepEqual(parts.End, m.End) {
				t.Fatalf("split at %d: map differs from the whole", cut)
			}
		}

		// The Transformer: over a one-byte reader, in one call, and by
		// hand with a small destination.
		got, err := io.ReadAll(transform.NewReader(iotest.OneByteReader(bytes.NewReader(data)), n.Transformer()))
		if err != nil {
			t.Fatalf("Transformer over OneByteReader: %v", err)
		}
		if string(got) != out {
			t.Fatalf("Transformer over OneByteReader = %q, String = %q", got, out)
		}
		whole, _, err := transform.Bytes(n.Transformer(), data)
		if err != nil || string(whole) != out {
			t.Fatalf("transform.Bytes = %q, %v; String = %q", whole, err, out)
		}
		dstSize := maxExpansion + int(split)%64
		stepped, err := transformInSteps(n.Transformer(), data, dstSize)
		if err != nil || string(stepped) != out {
			t.Fatalf("Transform in steps (dst %d) = %q, %v; String = %q", dstSize, stepped, err, out)
		}
	})
}
