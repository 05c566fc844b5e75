package khabar_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
)

// refDate makes summaries reproducible (the default is today).
var refDate = time.Date(2022, 7, 26, 0, 0, 0, 0, time.UTC)

func newExtractor(tb testing.TB, cfg khabar.Config) *khabar.Extractor {
	tb.Helper()
	if cfg.RefDate.IsZero() {
		cfg.RefDate = refDate
	}
	x, err := khabar.New(cfg)
	require.NoError(tb, err)
	return x
}

// extractAll runs ExtractReader and gathers the records.
func extractAll(x *khabar.Extractor, id string, r io.Reader) ([]khabar.Record, error) {
	var recs []khabar.Record
	err := x.ExtractReader(context.Background(), khabar.DocInfo{ID: id}, r, func(rec khabar.Record) error {
		recs = append(recs, rec)
		return nil
	})
	return recs, err
}

func entities(recs []khabar.Record) []*khabar.Entity {
	var out []*khabar.Entity
	for _, r := range recs {
		if e, ok := r.(*khabar.Entity); ok {
			out = append(out, e)
		}
	}
	return out
}

func summary(tb testing.TB, recs []khabar.Record) *khabar.Summary {
	tb.Helper()
	require.NotEmpty(tb, recs)
	s, ok := recs[len(recs)-1].(*khabar.Summary)
	require.True(tb, ok, "the last record is %T, not a summary", recs[len(recs)-1])
	return s
}

// marshalAll renders records as JSON Lines, for comparisons.
func marshalAll(tb testing.TB, recs []khabar.Record) string {
	tb.Helper()
	var b strings.Builder
	for _, r := range recs {
		j, err := json.Marshal(r)
		require.NoError(tb, err)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeWHATWG decodes b as UTF-8 replacing each maximal ill-formed
// subpart with one U+FFFD, the WHATWG (and Python "replace") rule the
// reader follows. It is written independently of textio so it can serve
// as the oracle for offsets.
func decodeWHATWG(b []byte) []rune {
	out := make([]rune, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r != utf8.RuneError || size > 1 {
			out = append(out, r)
			b = b[size:]
			continue
		}
		// The maximal subpart: the longest prefix (up to 3 bytes) that a
		// well-formed sequence could start with.
		n := 1
		for k := 2; k <= 3 && k <= len(b); k++ {
			if !validPrefix(b[:k]) {
				break
			}
			n = k
		}
		out = append(out, utf8.RuneError)
		b = b[n:]
	}
	return out
}

// validPrefix reports whether p (2 or 3 bytes) begins some well-formed
// sequence longer than p. Only the second byte of a sequence has a
// restricted range, and it is in p, so completing with 0x80 suffices.
func validPrefix(p []byte) bool {
	for need := len(p) + 1; need <= utf8.UTFMax; need++ {
		q := append(append([]byte(nil), p...), bytes.Repeat([]byte{0x80}, need-len(p))...)
		if r, size := utf8.DecodeRune(q); r != utf8.RuneError && size == need {
			return true
		}
	}
	return false
}

var matcher = khabar.NewNormalizer(khabar.NormalizeOptions{})

// checkEntities asserts the span property for every entity of a document
// whose raw bytes were orig: Text is exactly the decoded original's code
// points [Start, End), Start < End; and the records' invariants: entities
// in text order with ids e1, e2…, the normalized span contains Norm, the
// summary's counts agree. It returns the number of entities checked.
func checkEntities(tb testing.TB, orig []byte, recs []khabar.Record) int {
	tb.Helper()
	runes := decodeWHATWG(orig)
	ents := entities(recs)
	counts := map[string]int{}
	lastStart, lastSentence := 0, 0
	for i, e := range ents {
		counts[e.Type]++
		if !assert.Less(tb, e.Start, e.End, "%s %q", e.ID, e.Text) ||
			!assert.GreaterOrEqual(tb, e.Start, 0) ||
			!assert.LessOrEqual(tb, e.End, len(runes), "%s %q", e.ID, e.Text) {
			continue
		}
		assert.Equal(tb, string(runes[e.Start:e.End]), e.Text, "%s [%d,%d)", e.ID, e.Start, e.End)
		assert.Contains(tb, matcher.String(e.Text), e.Norm, "%s: the normalized span holds the matched name", e.ID)
		assert.Equal(tb, fmt.Sprintf("e%d", i+1), e.ID)
		assert.GreaterOrEqual(tb, e.Start, lastStart, "%s: entities in text order", e.ID)
		assert.GreaterOrEqual(tb, e.Sentence, lastSentence, "%s: sentences in order", e.ID)
		lastStart, lastSentence = e.Start, e.Sentence
	}
	if s, ok := recs[len(recs)-1].(*khabar.Summary); ok {
		for _, typ := range []string{"PLACE", "ORG", "DATE"} {
			assert.Equal(tb, counts[typ], s.Counts[typ], "summary count of %s", typ)
		}
		if s.Status == "ok" {
			assert.Equal(tb, len(runes), s.Characters, "summary characters")
			assert.Equal(tb, int64(len(orig)), s.Bytes, "summary bytes")
		}
	}
	return len(ents)
}

// synthetic documents exercise every normalization rule around names the
// seed gazetteer knows; want lists entities ("TYPE text") that must be
// found.
var synthetic = []struct {
	name, text string
	want       []string
}{
	{"plain", "قُتل مدني في مدينة جاسم بدرعا، بحسب عنب بلدي.",
		[]string{"PLACE جاسم", "PLACE درعا", "ORG عنب بلدي"}},
	{"diacritics", "قُتِلَ مَدَنِيٌّ فِي مَدِينَةِ جَاسِمٍ بِدَرْعَا، بِحَسَبِ عِنَبِ بَلَدِيّ.",
		[]string{"PLACE جَاسِمٍ", "PLACE دَرْعَا", "ORG عِنَبِ بَلَدِيّ"}},
	{"tatweel", "قتل مدني في مدينة جـــاسـم بـدرعــا، بحسب عـنـب بـلـدي ـ.",
		[]string{"PLACE جـــاسـم", "PLACE درعــا", "ORG عـنـب بـلـدي"}},
	{"presentation forms", "ﺣﻠﺐ ﻭﺩﺭﻋﺎ، ﻭاﻷمم المتحدة ﻻ ﺗﻌﻠﻖ. اﻹتحاد الروسي ﷲ",
		[]string{"PLACE ﺣﻠﺐ", "PLACE ﺩﺭﻋﺎ", "ORG اﻷمم المتحدة", "PLACE اﻹتحاد الروسي"}},
	{"bidi controls", "\u200fقتل مدني في \u2067جا\u200fسم\u2069 ب\u200dدرعا، بحسب \u202bعنب\u00ad بلدي\u202c.",
		[]string{"PLACE جا\u200fسم", "PLACE درعا", "ORG عنب\u00ad بلدي"}},
	{"CRLF", "قتل مدني في جاسم\r\nوقالت عنب بلدي إن قوات النظام\r\nقصفت درعا.\r\n",
		[]string{"PLACE جاسم", "ORG عنب بلدي", "ORG قوات النظام", "PLACE درعا"}},
	{"Arabic-Indic digits", "ونشرت شبكة “درعا ٢٤” المحلية، وشبكة درعا ۲۴ في ٣/١٠/٢٠٢١.",
		[]string{"ORG درعا ٢٤", "ORG درعا ۲۴", "DATE ٣/١٠/٢٠٢١"}},
	// Seven ill-formed sequences: a few more and the sniffer takes the
	// document for another encoding.
	{"invalid bytes", "قتل \xff مدني في جاسم\xc0\xaf بدرعا \xe1\x80، بحسب \xed\xa0\x80 عنب بلدي.",
		[]string{"PLACE جاسم", "PLACE درعا", "ORG عنب بلدي"}},
	{"BOM", "\ufeffتركيا وروسيا والأمم المتحدة في حوران.",
		[]string{"PLACE تركيا", "PLACE روسيا", "ORG الأمم المتحدة", "PLACE حوران"}},
	{"astral and combining", "𝔸 تركيا 🇸🇾 وروسيا e\u0301 حلب ، دمشق",
		[]string{"PLACE تركيا", "PLACE روسيا", "PLACE حلب", "PLACE دمشق"}},
	{"NEL and separators", "إدلب\u0085درعا\u2028حلب\u2029دمشق\u00a0وحمص",
		[]string{"PLACE إدلب", "PLACE درعا", "PLACE حلب", "PLACE دمشق"}},
	{"bare marks", "\u064e\u0651إدلب \u0640 درعا\u064b\u064b حلب",
		[]string{"PLACE إدلب", "PLACE درعاًً", "PLACE حلب"}},
	{"proclitics", "وبجاسم وللنظام السوري ولدرعا وبالصنمين وفالأمم المتحدة",
		[]string{"PLACE جاسم", "ORG لنظام السوري", "PLACE درعا", "PLACE الصنمين"}},
	{"quotes inside a name", "فرع “أمن الدولة” وشبكة «درعا 24» و(عنب بلدي)",
		[]string{"ORG فرع “أمن الدولة”", "ORG درعا 24", "ORG عنب بلدي"}},
}

func TestEntityOffsets(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	jasim, err := os.ReadFile("testdata/jasim.txt")
	require.NoError(t, err)
	type doc struct {
		name string
		text []byte
		want []string
	}
	docs := []doc{{"jasim.txt", jasim, []string{"PLACE جاسم", "ORG لنظام السوري", "ORG قوات النظام", "PLACE درعا", "ORG عنب بلدي"}}}
	for _, s := range synthetic {
		docs = append(docs, doc{s.name, []byte(s.text), s.want})
	}
	total := 0
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			recs, err := extractAll(x, d.name, bytes.NewReader(d.text))
			require.NoError(t, err)
			total += checkEntities(t, d.text, recs)
			var got []string
			for _, e := range entities(recs) {
				got = append(got, e.Type+" "+e.Text)
			}
			assert.Subset(t, got, d.want)
		})
	}
	t.Logf("%d documents, %d entities checked", len(docs), total)
}

// TestInvalidBytesCountAsOneCodePoint pins the offsets after an
// ill-formed sequence: one U+FFFD per maximal subpart.
func TestInvalidBytesCountAsOneCodePoint(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	for _, bad := range []string{"\xff", "\xe1\x80", "\xf0\x9f\x98", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\x80\x80"} {
		t.Run(fmt.Sprintf("%q", bad), func(t *testing.T) {
			text := "a" + bad + " درعا"
			recs, err := extractAll(x, "d", strings.NewReader(text))
			require.NoError(t, err)
			ents := entities(recs)
			require.Len(t, ents, 1)
			want := 2 + len(decodeWHATWG([]byte(bad)))
			assert.Equal(t, want, ents[0].Start)
			assert.Equal(t, len(decodeWHATWG([]byte(bad))), summary(t, recs).InvalidUTF8)
		})
	}
}

// chunkReader returns pieces of random sizes (1 to max bytes).
type chunkReader struct {
	r   io.Reader
	rng *rand.Rand
	max int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	n := 1 + c.rng.IntN(c.max)
	if n < len(p) {
		p = p[:n]
	}
	return c.r.Read(p)
}

// chunkings are the ways a document can arrive.
var chunkings = []struct {
	name string
	wrap func([]byte) io.Reader
}{
	{"strings.Reader", func(b []byte) io.Reader { return strings.NewReader(string(b)) }},
	{"OneByteReader", func(b []byte) io.Reader { return iotest.OneByteReader(bytes.NewReader(b)) }},
	{"HalfReader", func(b []byte) io.Reader { return iotest.HalfReader(bytes.NewReader(b)) }},
	{"DataErrReader", func(b []byte) io.Reader { return iotest.DataErrReader(bytes.NewReader(b)) }},
	{"random chunks", func(b []byte) io.Reader {
		return &chunkReader{r: bytes.NewReader(b), rng: rand.New(rand.NewPCG(1, uint64(len(b)))), max: 7}
	}},
}

// longDocument is jasim.txt, every synthetic document and up to 20 shared
// corpus articles after a filler of more than one 64 KiB block, so that
// the reader's blocks, the window's compactions and the sentence cuts all
// fall at many different places.
func longDocument(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	for b.Len() <= 80<<10 {
		b.WriteString("قتل مدني في جاسم.\n")
	}
	jasim, err := os.ReadFile("testdata/jasim.txt")
	require.NoError(tb, err)
	b.Write(jasim)
	for _, s := range synthetic {
		b.WriteString(s.text)
		b.WriteString("\n")
	}
	if files, _ := filepath.Glob(filepath.Join("..", "shared", "corpus", "news-sample", "*.txt")); len(files) > 0 {
		for _, f := range files[:min(len(files), 20)] {
			a, err := os.ReadFile(f)
			require.NoError(tb, err)
			b.Write(a)
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

func TestChunkingDoesNotMatter(t *testing.T) {
	doc := longDocument(t)
	for _, cfg := range []struct {
		name string
		cfg  khabar.Config
	}{
		{"default", khabar.Config{}},
		// Short sentences: cuts, and many window compactions.
		{"MaxSentenceBytes 301", khabar.Config{MaxSentenceBytes: 301}},
	} {
		t.Run(cfg.name, func(t *testing.T) {
			x := newExtractor(t, cfg.cfg)
			recs, err := extractAll(x, "d", bytes.NewReader(doc))
			require.NoError(t, err)
			if cfg.cfg.MaxSentenceBytes != 0 {
				require.Positive(t, summary(t, recs).CutSentences)
			}
			checkEntities(t, doc, recs)
			want := marshalAll(t, recs)
			for _, c := range chunkings[1:] {
				recs, err, p := extractRecover(x, c.wrap(doc))
				if p != nil {
					t.Errorf("%s: panic %v", c.name, p)
					continue
				}
				require.NoError(t, err, c.name)
				assert.Equal(t, want, marshalAll(t, recs), "%s differs from one read", c.name)
			}
		})
	}
}

// TestChunkingWithSpacesAfterLineBreak: where a sentence cut at the limit
// falls must not depend on whether a read ended between a line break and
// the spaces after it (it did before a6fa77d: the spaces after a line break
// joined the sentence only as far as they had been read).
func TestChunkingWithSpacesAfterLineBreak(t *testing.T) {
	x := newExtractor(t, khabar.Config{MaxSentenceBytes: 17})
	doc := []byte(strings.Repeat("قتل مدني.\n", 8000) + "قتل\n  " + strings.Repeat("جاسم", 8))
	whole, err := extractAll(x, "d", bytes.NewReader(doc))
	require.NoError(t, err)
	oneByte, err := extractAll(x, "d", iotest.OneByteReader(bytes.NewReader(doc)))
	require.NoError(t, err)
	assert.Equal(t, marshalAll(t, whole), marshalAll(t, oneByte))
}

// streamEntities runs ExtractReader on the read end of a pipe and returns
// the write end, a channel of the entities as they are emitted, and one
// that receives ExtractReader's result.
func streamEntities(t *testing.T, x *khabar.Extractor) (*io.PipeWriter, <-chan *khabar.Entity, <-chan error) {
	t.Helper()
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	got := make(chan *khabar.Entity, 1024)
	done := make(chan error, 1)
	go func() {
		done <- x.ExtractReader(context.Background(), khabar.DocInfo{ID: "pipe"}, pr, func(r khabar.Record) error {
			if e, ok := r.(*khabar.Entity); ok {
				got <- e
			}
			return nil
		})
	}()
	return pw, got, done
}

// TestRecordsStreamBeforeEOF writes the first sentence into a pipe and
// expects its entity before the writer is closed. The reader holds the
// first 1 KiB to judge whether the stream is text (whatever the chunking),
// so the first write carries a line of filler after the sentence. With a
// negative ContextBytes every sentence is decided as soon as it is
// complete.
func TestRecordsStreamBeforeEOF(t *testing.T) {
	x := newExtractor(t, khabar.Config{ContextBytes: -1})
	pw, got, done := streamEntities(t, x)
	writeErr := make(chan error, 1)
	go func() {
		_, err := pw.Write([]byte("قُتل مدني في مدينة جاسم بدرعا.\n" + strings.Repeat("كلام ", 120) + "\n"))
		writeErr <- err
	}()
	select {
	case e := <-got:
		assert.Equal(t, "جاسم", e.Text)
	case err := <-done:
		t.Fatalf("ExtractReader returned before the writer closed: %v", err)
	case <-time.After(5 * time.Second):
		// Diagnose: does the first entity come out once a whole 64 KiB
		// block has been written?
		go pw.Write(bytes.Repeat([]byte("\n"), 64<<10))
		select {
		case <-got:
			t.Fatal("no record before the writer closed, only after 64 KiB more input: " +
				"the reader waits for a full block before passing text on")
		case <-time.After(10 * time.Second):
			t.Fatal("no record before the writer closed, nor after 64 KiB more input")
		}
	}
	require.NoError(t, <-writeErr)
	_, err := pw.Write([]byte("وقالت عنب بلدي إن قوات النظام قصفت حوران.\n"))
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	require.NoError(t, <-done)
	var rest []string // everything was sent before ExtractReader returned
	for len(got) > 0 {
		rest = append(rest, (<-got).Text)
	}
	assert.Equal(t, []string{"درعا", "عنب بلدي", "قوات النظام", "حوران"}, rest)
}

// TestSharedCorpus runs every article of the shared news sample and checks
// the span property for every entity and every event's evidence.
func TestSharedCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "shared", "corpus", "news-sample", "*.txt"))
	if len(files) == 0 {
		t.Skip("../shared/corpus/news-sample not present")
	}
	x := newExtractor(t, khabar.Config{})
	docs, ents, evs, failed := 0, 0, 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		recs, err := extractAll(x, filepath.Base(f), bytes.NewReader(b))
		if err != nil {
			failed++
			t.Logf("%s: %v", f, err)
			continue
		}
		docs++
		ents += checkEntities(t, b, recs)
		evs += len(checkEvents(t, b, recs))
		if t.Failed() {
			t.Fatalf("stopped at %s", f)
		}
	}
	assert.Zero(t, failed, "documents that failed")
	t.Logf("corpus: %d documents, %d entities and %d events checked", docs, ents, evs)
}

// TestLongLineIsCut feeds a 1 MB line without punctuation or line break.
func TestLongLineIsCut(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	const phrase = "قتل مدني في مدينة جاسم بدرعا بحسب عنب بلدي "
	reps := (1<<20)/len(phrase) + 1
	doc := []byte(strings.Repeat(phrase, reps))
	recs, err := extractAll(x, "d", bytes.NewReader(doc))
	require.NoError(t, err)
	s := summary(t, recs)
	assert.Positive(t, s.CutSentences)
	assert.GreaterOrEqual(t, s.CutSentences, len(doc)/khabar.DefaultMaxSentenceBytes)
	checkEntities(t, doc, recs)
	jasim := 0
	for _, e := range entities(recs) {
		if e.Text == "جاسم" {
			jasim++
		}
	}
	assert.Equal(t, reps, jasim, "cuts fall on spaces, so no single-word name is lost")
}

// TestLongWordIsCut feeds text with no space at all: cuts fall on rune
// boundaries.
func TestLongWordIsCut(t *testing.T) {
	for _, limit := range []int{100, 101, 102, 103} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			x := newExtractor(t, khabar.Config{MaxSentenceBytes: limit})
			doc := []byte(strings.Repeat("درعا😀x", 200) + " درعا")
			for _, c := range chunkings {
				recs, err := extractAll(x, "word", c.wrap(doc))
				require.NoError(t, err, c.name)
				s := summary(t, recs)
				assert.Positive(t, s.CutSentences, c.name)
				assert.Equal(t, utf8.RuneCount(doc), s.Characters, c.name)
				// Most درعا survive (those cut in two do not).
				assert.Greater(t, checkEntities(t, doc, recs), 150, c.name)
			}
		})
	}
}

// extractRecover is extractAll that turns a panic into a value.
func extractRecover(x *khabar.Extractor, r io.Reader) (recs []khabar.Record, err error, panicked any) {
	defer func() { panicked = recover() }()
	recs, err = extractAll(x, "d", r)
	return recs, err, nil
}

// TestSentenceOfExactlyMaxBytes feeds a run without spaces or punctuation
// whose length is exactly the sentence limit (before a6fa77d,
// segment.forcedCut read past the end of the text and panicked).
func TestSentenceOfExactlyMaxBytes(t *testing.T) {
	x := newExtractor(t, khabar.Config{MaxSentenceBytes: 64})
	doc := []byte(strings.Repeat("a", 64))
	for _, c := range chunkings {
		recs, err, p := extractRecover(x, c.wrap(doc))
		require.Nil(t, p, "%s: panic", c.name)
		require.NoError(t, err)
		assert.Equal(t, 64, summary(t, recs).Characters)
		assert.Equal(t, 1, summary(t, recs).CutSentences)
	}
	recs, err := extractAll(x, "d", bytes.NewReader(doc))
	require.NoError(t, err)
	assert.Equal(t, 64, summary(t, recs).Characters)
	assert.Equal(t, 1, summary(t, recs).CutSentences)
}

// nonSpaceRunes counts the tokens a text has when every sentence is one
// rune long.
func nonSpaceRunes(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// TestTinySentenceLimit uses limits shorter than a UTF-8 sequence: every
// sentence is then one rune, cut on rune boundaries, and no text may be
// left out.
func TestTinySentenceLimit(t *testing.T) {
	doc := "جاسم 😀 درعا، جاسم"
	for _, limit := range []int{1, 2, 3} {
		x := newExtractor(t, khabar.Config{MaxSentenceBytes: limit})
		recs, err, p := extractRecover(x, strings.NewReader(doc))
		require.Nil(t, p, "limit %d: panic", limit)
		require.NoError(t, err)
		checkEntities(t, []byte(doc), recs)
		assert.Equal(t, nonSpaceRunes(doc), summary(t, recs).Tokens, "limit %d", limit)
	}
	// A two-byte terminator, longer than the limit, at the start of a
	// sentence.
	x := newExtractor(t, khabar.Config{MaxSentenceBytes: 1})
	doc = "قتل؟ جاسم"
	recs, err := extractAll(x, "d", strings.NewReader(doc))
	require.NoError(t, err)
	if got, want := summary(t, recs).Tokens, nonSpaceRunes(doc); got != want {
		t.Fatalf("MaxSentenceBytes 1: %d of the %d tokens of %q processed: a terminator longer than the "+
			"limit at the start of a sentence must still make progress", got, want, doc)
	}
	checkEntities(t, []byte(doc), recs)
}

// TestRefusedWhateverTheChunking: binary data and foreign encodings are
// refused however the source delivers its bytes.
func TestRefusedWhateverTheChunking(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	docs := map[string][]byte{
		"binary":       []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00"),
		"windows-1256": bytes.Repeat([]byte("\xe3\xcf\xed\xe4\xc9 \xcc\xc7\xd3\xe3 "), 20),
		"UTF-16":       []byte("\xff\xfe'\x06'\x06 \x00"),
	}
	var bugs []string
	for name, doc := range docs {
		for _, c := range chunkings {
			recs, err := extractAll(x, name, c.wrap(doc))
			var docErr *khabar.DocumentError
			if !errors.As(err, &docErr) {
				bugs = append(bugs, fmt.Sprintf("%s via %s: %v, status %s", name, c.name, err, summary(t, recs).Status))
				continue
			}
			assert.Equal(t, "failed", summary(t, recs).Status)
		}
	}
	if len(bugs) > 0 {
		t.Fatalf("accepted as text: %s; the verdict must not depend on how the source splits its reads",
			strings.Join(bugs, "; "))
	}
}

// failingReader returns its data and then err, with the last piece of
// data in the same call as the error.
type failingReader struct {
	pieces [][]byte
	err    error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.pieces) == 0 {
		return 0, f.err
	}
	n := copy(p, f.pieces[0])
	f.pieces[0] = f.pieces[0][n:]
	if len(f.pieces[0]) == 0 {
		f.pieces = f.pieces[1:]
		if len(f.pieces) == 0 {
			return n, f.err
		}
	}
	return n, nil
}

// TestReadErrorKeepsWhatWasRead: a read error stops the document, but the
// text read before it is processed (status "partial").
func TestReadErrorKeepsWhatWasRead(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	disk := errors.New("disk gone")
	long := []byte(strings.Repeat("قتل مدني في مدينة جاسم.\n", 4000)) // more than one 64 KiB block
	tail := []byte("وقالت عنب بلدي.\n")
	tests := []struct {
		name string
		r    func() io.Reader
		doc  []byte // what was read before the error
		bug  string
	}{
		{"error after several blocks", func() io.Reader {
			return io.MultiReader(bytes.NewReader(long), iotest.ErrReader(disk))
		}, long, ""},
		{"error after a short text", func() io.Reader {
			return io.MultiReader(strings.NewReader(synthetic[0].text), iotest.ErrReader(disk))
		}, []byte(synthetic[0].text), ""},
		{"data and error in one Read", func() io.Reader {
			return &failingReader{pieces: [][]byte{bytes.Clone(long), bytes.Clone(tail)}, err: disk}
		}, append(bytes.Clone(long), tail...), "bytes returned together with a non-EOF error must be processed " +
			"before the error (the io.Reader contract)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := extractAll(x, "d", tt.r())
			var docErr *khabar.DocumentError
			require.ErrorAs(t, err, &docErr)
			assert.ErrorIs(t, err, disk)
			kinds := []string{recs[len(recs)-2].Kind(), recs[len(recs)-1].Kind()}
			assert.Equal(t, []string{khabar.KindError, khabar.KindSummary}, kinds)
			s := summary(t, recs)
			assert.Contains(t, s.Errors[0], "disk gone")
			want := len(decodeWHATWG(tt.doc))
			if tt.bug != "" && (s.Status != "partial" || s.Characters != want) {
				t.Fatalf("status %s, %d of %d characters processed: %s", s.Status, s.Characters, want, tt.bug)
			}
			assert.Equal(t, "partial", s.Status)
			assert.Equal(t, want, s.Characters)
			checkEntities(t, tt.doc, recs)
		})
	}
}

func TestConcurrentUse(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	jasim, err := os.ReadFile("testdata/jasim.txt")
	require.NoError(t, err)
	docs := [][]byte{jasim}
	for _, s := range synthetic {
		docs = append(docs, []byte(s.text))
	}
	if files, _ := filepath.Glob(filepath.Join("..", "shared", "corpus", "news-sample", "*.txt")); len(files) > 0 {
		for _, f := range files[:min(len(files), 40)] {
			b, err := os.ReadFile(f)
			require.NoError(t, err)
			docs = append(docs, b)
		}
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		recs, err := extractAll(x, fmt.Sprint(i), bytes.NewReader(d))
		require.NoError(t, err)
		want[i] = marshalAll(t, recs)
	}
	const workers = 8
	got := make([][]string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		got[w] = make([]string, len(docs))
		wg.Go(func() {
			// Each goroutine walks the documents in its own order.
			for k := range docs {
				i := (k + w*7) % len(docs)
				var recs []khabar.Record
				var err error
				if w%2 == 0 {
					recs, err = extractAll(x, fmt.Sprint(i), iotest.HalfReader(bytes.NewReader(docs[i])))
				} else {
					var res *khabar.Result
					res, err = x.Extract(context.Background(), khabar.Document{ID: fmt.Sprint(i), Text: string(docs[i])})
					if err == nil {
						// One window each: its entities, then its events.
						for _, e := range res.Entities {
							recs = append(recs, e)
						}
						for _, e := range res.Events {
							recs = append(recs, e)
						}
						recs = append(recs, res.Summary)
					}
				}
				if err != nil {
					got[w][i] = err.Error()
					continue
				}
				var b strings.Builder
				for _, r := range recs {
					j, _ := json.Marshal(r)
					b.Write(j)
					b.WriteByte('\n')
				}
				got[w][i] = b.String()
			}
		})
	}
	wg.Wait()
	for w := range workers {
		for i := range docs {
			assert.Equal(t, want[i], got[w][i], "goroutine %d, document %d", w, i)
		}
	}
}

func TestBinaryInputFails(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	res, err := x.Extract(context.Background(), khabar.Document{ID: "bin", Text: "PK\x03\x04\x14\x00\x00\x00\x08\x00"})
	var docErr *khabar.DocumentError
	require.ErrorAs(t, err, &docErr)
	assert.Equal(t, "bin", docErr.Doc)
	require.NotNil(t, res.Summary)
	assert.Equal(t, "failed", res.Summary.Status)
	assert.Empty(t, res.Entities)
	require.Len(t, res.Errors, 1)
	assert.Contains(t, res.Errors[0].Error, "binary data")
	assert.Equal(t, []string{res.Errors[0].Error}, res.Summary.Errors)

	// UTF-16 with a byte order mark is refused too.
	_, err = x.Extract(context.Background(), khabar.Document{ID: "u16", Text: "\xff\xfe'\x06'\x06"})
	require.ErrorAs(t, err, &docErr)
}

func TestContextCancellation(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := x.Extract(ctx, khabar.Document{ID: "d", Text: "جاسم"})
		assert.ErrorIs(t, err, context.Canceled)
	})
	t.Run("during", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var kinds []string
		doc := strings.Repeat("قُتل مدني في مدينة جاسم بدرعا.\n", 10000)
		err := x.ExtractReader(ctx, khabar.DocInfo{ID: "d"}, iotest.HalfReader(strings.NewReader(doc)), func(r khabar.Record) error {
			kinds = append(kinds, r.Kind())
			cancel()
			return nil
		})
		assert.ErrorIs(t, err, context.Canceled)
		assert.NotContains(t, kinds, khabar.KindSummary, "a cancelled document has no summary")
		assert.Less(t, len(kinds), 20000, "processing stopped")
	})
	t.Run("iterator", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var last error
		for rec, err := range x.Records(ctx, khabar.DocInfo{ID: "d"}, strings.NewReader("جاسم")) {
			assert.Nil(t, rec)
			last = err
		}
		assert.ErrorIs(t, last, context.Canceled)
	})
}

// TestEmitErrorStops checks that an error from the callback stops the
// document at once and is returned as is.
func TestEmitErrorStops(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	stop := errors.New("stop")
	calls := 0
	err := x.ExtractReader(context.Background(), khabar.DocInfo{ID: "d"}, strings.NewReader(synthetic[0].text), func(khabar.Record) error {
		calls++
		return stop
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 1, calls)

	// Breaking out of the iterator stops it too.
	n := 0
	for range x.Records(context.Background(), khabar.DocInfo{ID: "d"}, strings.NewReader(synthetic[0].text)) {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

// TestWindowEmitsBeforeEOF: with the default decision window, a stream's
// records come out once a window of text is complete, before the input
// ends.
func TestWindowEmitsBeforeEOF(t *testing.T) {
	x := newExtractor(t, khabar.Config{})
	pw, got, done := streamEntities(t, x)
	filler := strings.Repeat("وقال المتحدث إن الاجتماع انتهى دون نتائج.\n", khabar.DefaultContextBytes/40)
	go func() { _, _ = pw.Write([]byte("قتل مدني في مدينة جاسم بدرعا.\n" + filler)) }()
	select {
	case e := <-got:
		assert.Equal(t, "جاسم", e.Text)
	case err := <-done:
		t.Fatalf("ExtractReader returned before the writer closed: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no record once a whole window was written")
	}
	require.NoError(t, pw.Close())
	require.NoError(t, <-done)
}

// TestContextWindow: evidence later in the window admits an earlier bare
// name; deciding sentence by sentence it does not.
func TestContextWindow(t *testing.T) {
	text := "وقال وجهاء جاسم إن المفاوضات مستمرة.\nوكانت دورية اقتحمت مدينة جاسم.\n"
	count := func(cfg khabar.Config) (n int, evidence []string) {
		recs, err := extractAll(newExtractor(t, cfg), "d", strings.NewReader(text))
		require.NoError(t, err)
		checkEntities(t, []byte(text), recs)
		for _, e := range entities(recs) {
			if e.Text == "جاسم" {
				n++
				evidence = append(evidence, e.Evidence)
			}
		}
		return n, evidence
	}
	n, ev := count(khabar.Config{})
	assert.Equal(t, 2, n)
	assert.Equal(t, []string{"document", "head:مدينة"}, ev)
	n, _ = count(khabar.Config{ContextBytes: -1})
	assert.Equal(t, 1, n)
}
