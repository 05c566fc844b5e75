package arabic

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchWords returns the words of the shared oracle's dev list (20,000
// real words), or of the committed sample when the list is absent. The
// environment variable STEM_BENCH_WORDS names another list, one word a
// line (such as the oracle recipe's full words.all).
func benchWords(b *testing.B) []string {
	b.Helper()
	if path := os.Getenv("STEM_BENCH_WORDS"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
	path := filepath.Join("..", "..", "..", "shared", "stemmer-oracle", "arabic-snowball-dev.tsv")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join("testdata", "oracle-sample.tsv")
	}
	var words []string
	for _, p := range readPairs(b, path) {
		words = append(words, p[0])
	}
	return words
}

// reportWordsPerSecond adds a words/s column to the benchmark's line.
func reportWordsPerSecond(b *testing.B, words int, elapsed time.Duration) {
	b.ReportMetric(float64(words)*float64(b.N)/elapsed.Seconds(), "words/s")
}

// BenchmarkStem stems the word list in memory with one Stemmer.
func BenchmarkStem(b *testing.B) {
	words := benchWords(b)
	var s Stemmer
	buf := make([]byte, 0, 64)
	in := make([][]byte, len(words))
	for i, w := range words {
		in[i] = []byte(w)
	}
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for _, w := range in {
			buf = s.Append(buf[:0], w)
		}
	}
	reportWordsPerSecond(b, len(words), time.Since(start))
}

// BenchmarkStemString is the same through the string form.
func BenchmarkStemString(b *testing.B) {
	words := benchWords(b)
	var s Stemmer
	b.ReportAllocs()
	start := time.Now()
	for b.Loop() {
		for _, w := range words {
			_ = s.String(w)
		}
	}
	reportWordsPerSecond(b, len(words), time.Since(start))
}

// BenchmarkStemwordsC runs the reference C implementation, Snowball's
// stemwords (Debian libstemmer-tools), over the same list as a process:
// start-up, reading and writing included, as its published figure is.
func BenchmarkStemwordsC(b *testing.B) {
	bin, err := exec.LookPath("stemwords")
	if err != nil {
		b.Skip("stemwords not installed (apt-get install libstemmer-tools)")
	}
	words := benchWords(b)
	path := filepath.Join(b.TempDir(), "words")
	if err := os.WriteFile(path, []byte(strings.Join(words, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for b.Loop() {
		if out, err := exec.Command(bin, "-l", "arabic", "-i", path, "-o", os.DevNull).CombinedOutput(); err != nil {
			b.Fatalf("stemwords: %v %s", err, out)
		}
	}
	reportWordsPerSecond(b, len(words), time.Since(start))
}
