package khabar_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/gazetteer"
	"github.com/khabar-ie/khabar/internal/lexicon"
)

// sharedCorpus returns the paths of ../shared/corpus/news-sample, or skips.
func sharedCorpus(tb testing.TB) []string {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "shared", "corpus", "news-sample", "*.txt"))
	if len(files) == 0 {
		tb.Skip("../shared/corpus/news-sample not present")
	}
	return files
}

func readAll(tb testing.TB, files []string) [][]byte {
	tb.Helper()
	docs := make([][]byte, len(files))
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		docs[i] = b
	}
	return docs
}

// BenchmarkPipeline runs the whole pipeline on one core over the 2,500
// shared articles, one document at a time.
func BenchmarkPipeline(b *testing.B) {
	docs := readAll(b, sharedCorpus(b))
	x, err := khabar.New(khabar.Config{})
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for _, d := range docs {
		total += int64(len(d))
	}
	ctx := context.Background()
	discard := func(khabar.Record) error { return nil }
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if err := x.ExtractReader(ctx, khabar.DocInfo{ID: "d"}, bytes.NewReader(d), discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkNew measures start-up: parsing the embedded gazetteer, building
// the trie and the resolver's tables (the embedded files are parsed once
// per process and cached, so the first iteration pays for parsing; later
// ones for building). It reports the heap the Extractor keeps.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	var x *khabar.Extractor
	for b.Loop() {
		var err error
		if x, err = khabar.New(khabar.Config{}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	runtime.KeepAlive(x)
	x = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "MiB-kept")
}

// BenchmarkGazetteerSize runs the pipeline over the shared corpus with
// gazetteers of 100 entries, the embedded set, and ten times the embedded
// set (nine synthetic copies whose first words are made up, so the trie,
// its vocabulary and the first-word filter all grow tenfold). Lookup cost
// per token should stay flat: throughput should barely move.
func BenchmarkGazetteerSize(b *testing.B) {
	docs := readAll(b, sharedCorpus(b))
	var total int64
	for _, d := range docs {
		total += int64(len(d))
	}
	entries := embeddedEntries(b)
	dir := b.TempDir()
	sizes := []struct {
		name    string
		entries []lexicon.Entry
	}{
		{"entries=100", everyNth(entries, len(entries)/100)},
		{fmt.Sprintf("entries=%d", len(entries)), entries},
		{fmt.Sprintf("entries=%d", 10*len(entries)), syntheticCopies(entries, 9)},
	}
	for _, s := range sizes {
		path := filepath.Join(dir, s.name+".tsv")
		writeGazetteer(b, path, s.entries)
		x, err := khabar.New(khabar.Config{NoDefaultGazetteer: true, Gazetteers: []string{path}})
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		discard := func(khabar.Record) error { return nil }
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(total)
			for b.Loop() {
				for _, d := range docs {
					if err := x.ExtractReader(ctx, khabar.DocInfo{ID: "d"}, bytes.NewReader(d), discard); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

// embeddedEntries parses the embedded gazetteer.
func embeddedEntries(tb testing.TB) []lexicon.Entry {
	tb.Helper()
	names, err := gazetteer.Files()
	if err != nil {
		tb.Fatal(err)
	}
	var all []lexicon.Entry
	for _, n := range names {
		f, err := gazetteer.FS().Open(n)
		if err != nil {
			tb.Fatal(err)
		}
		es, err := lexicon.Parse(f, n)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		all = append(all, es...)
	}
	return all
}

// everyNth keeps one entry in n, without parents (they may be left out).
func everyNth(entries []lexicon.Entry, n int) []lexicon.Entry {
	var out []lexicon.Entry
	for i := 0; i < len(entries); i += n {
		e := entries[i]
		e.Parent = ""
		out = append(out, e)
	}
	return out
}

// syntheticCopies returns entries plus copies with made-up first words: copy k of
// "دير الزور" is "<word> الزور" with a pseudo-word of random letters.
func syntheticCopies(entries []lexicon.Entry, copies int) []lexicon.Entry {
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("بتثجحخدذرزسشصضطظعغفقكلمنهوي")
	word := func() string {
		r := make([]rune, 6+rng.IntN(3)) // long enough never to be a real word
		for i := range r {
			r[i] = letters[rng.IntN(len(letters))]
		}
		return string(r)
	}
	out := append([]lexicon.Entry(nil), entries...)
	for k := range copies {
		for _, e := range entries {
			c := e
			c.ID = fmt.Sprintf("%s~%d", e.ID, k)
			c.Parent = ""
			_, rest, _ := strings.Cut(e.Name, " ")
			c.Name = strings.TrimSpace(word() + " " + rest)
			c.Aliases = nil
			out = append(out, c)
		}
	}
	return out
}

// writeGazetteer writes entries in the gazetteer file format.
func writeGazetteer(tb testing.TB, path string, entries []lexicon.Entry) {
	tb.Helper()
	var sb strings.Builder
	sb.WriteString("id\ttype\tsubtype\tname\taliases\tparent\trank\n")
	for _, e := range entries {
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\t%s\t%s\t%d\n", e.ID, e.Type, e.Subtype, e.Name, strings.Join(e.Aliases, "|"), e.Parent, e.Rank)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkParseGazetteer measures the part of start-up that happens once
// per process: parsing the embedded gazetteer files.
func BenchmarkParseGazetteer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		embeddedEntries(b)
	}
}
