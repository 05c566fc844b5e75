package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/khabar-ie/khabar"
)

const gazetteerUsage = `Usage: extract gazetteer [flags] [NAME...]

Shows the gazetteer the extractor loads (the embedded one, plus --gazetteer
files). With no NAME: the number of entries per type and subtype, and how
long loading took. With NAMEs: the entries each name matches (normalized
like text, the article as written), most prominent first, with the
evidence level the name needs (free, cue, strict), rank and admin chain.

Examples:
  extract gazetteer
  extract gazetteer درعا المنصورة "قوات النظام"
  extract gazetteer --gazetteer mine.tsv --no-default-gazetteer   (check a file)

Flags:
`

func cmdGazetteer(ctx context.Context, e env, args []string) int {
	fs := newFlagSet(e, "extract gazetteer", gazetteerUsage)
	format := fs.String("format", "text", "output `format`: text or jsonl")
	var gaz gazetteerFlags
	gaz.register(fs)
	args, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *format != "text" && *format != "jsonl" {
		fmt.Fprintf(e.stderr, "extract gazetteer: --format must be text or jsonl\n")
		return exitUsage
	}
	if err := gaz.check(); err != nil {
		fmt.Fprintf(e.stderr, "extract gazetteer: %v\n", err)
		return exitUsage
	}
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	began := time.Now()
	x, err := khabar.New(gaz.config())
	took := time.Since(began)
	if err != nil {
		fmt.Fprintf(e.stderr, "extract gazetteer: %v\n", err)
		return exitUsage
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	if len(args) == 0 {
		counts := x.GazetteerCounts()
		if *format == "jsonl" {
			err = enc.Encode(map[string]any{
				"entries": x.GazetteerSize(), "counts": counts,
				"load_ms": took.Milliseconds(), "heap_bytes": int64(after.HeapAlloc) - int64(before.HeapAlloc),
			})
		} else {
			writeCounts(out, counts)
			fmt.Fprintf(out, "\n%d entries, loaded in %s, %.1f MiB of heap\n", x.GazetteerSize(),
				took.Round(time.Millisecond), float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20))
		}
		return endStatus(ctx, e, "extract gazetteer", err, out.Flush())
	}

	missing := 0
	for _, name := range args {
		found := x.LookupName(name)
		if len(found) == 0 {
			missing++
		}
		if *format == "jsonl" {
			if err = enc.Encode(map[string]any{"name": name, "entries": found}); err != nil {
				break
			}
			continue
		}
		fmt.Fprintf(out, "%s: %d entries\n", name, len(found))
		for _, g := range found {
			fmt.Fprintf(out, "  %-12s %s/%s  %s (%s)  rank %d  %s", g.ID, g.Type, g.Subtype, g.Name, g.NameEn, g.Rank, g.Evidence)
			var chain []string
			for _, a := range g.Admin {
				chain = append(chain, a.Name)
			}
			if len(chain) > 0 {
				fmt.Fprintf(out, "  in %s", strings.Join(chain, " < "))
			}
			fmt.Fprintf(out, "  [%s]\n", g.Source)
		}
	}
	if code := endStatus(ctx, e, "extract gazetteer", err, out.Flush()); code != exitOK {
		return code
	}
	if missing > 0 {
		return exitDocFailed
	}
	return exitOK
}

// writeCounts prints entries per type and subtype, largest first.
func writeCounts(out *bufio.Writer, counts map[string]map[string]int) {
	types := make([]string, 0, len(counts))
	for t := range counts {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		total := 0
		subs := make([]string, 0, len(counts[t]))
		for s, n := range counts[t] {
			subs = append(subs, s)
			total += n
		}
		sort.Slice(subs, func(i, j int) bool {
			a, b := counts[t][subs[i]], counts[t][subs[j]]
			return a > b || a == b && subs[i] < subs[j]
		})
		fmt.Fprintf(out, "%s\t%d\n", t, total)
		for _, s := range subs {
			name := s
			if name == "" {
				name = "(none)"
			}
			fmt.Fprintf(out, "  %-20s %6d\n", name, counts[t][s])
		}
	}
}
