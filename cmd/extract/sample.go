package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/review"
	"github.com/khabar-ie/khabar/internal/source"
)

const sampleUsage = `Usage: extract sample [flags] FILE|DIR...

Runs the extractor over the documents and prints a reproducible random
sample of the entities found, each with its context, for checking
precision by hand: the span is marked ⟦ ⟧, and each line shows the entry
chosen, its subtype and the evidence that admitted the name. The same
documents, flags and --seed give the same sample.

Examples:
  extract sample --type PLACE -n 100 --seed 1 corpus/
  extract sample --type ORG --format jsonl corpus/ > org-sample.jsonl

Flags:
`

// sampled is one entity of the sample with its context.
type sampled struct {
	Doc     string         `json:"doc"`
	Context string         `json:"context"`
	Entity  *khabar.Entity `json:"entity"`
}

// maxSampleDoc bounds the size of a document read whole for its context.
const maxSampleDoc = 64 << 20

func cmdSample(ctx context.Context, e env, args []string) int {
	fs := newFlagSet(e, "extract sample", sampleUsage)
	typ := fs.String("type", "all", "entity `type` sampled: PLACE, ORG, DATE, QUANTITY or all")
	input := fs.String("input", "text", "input `kind`: text (files, directories) or jsonl ({\"id\", \"text\", \"date\"} a line; each document's date resolves its relative dates)")
	maxLine := fs.Int("max-line", source.DefaultMaxLine, "longest JSON Lines record in `bytes`")
	n := fs.Int("n", 100, "sample `size`")
	from := fs.String("source", "", "sample only entities whose source starts with `prefix` (rule:, rule:org:, gazetteer:…)")
	seed := fs.Uint64("seed", 1, "random `seed`")
	width := fs.Int("width", 60, "context `characters` shown on each side")
	format := fs.String("format", "text", "output `format`: text or jsonl")
	glob := fs.String("glob", "*.txt", "file name `pattern` selected inside directories")
	refDate := fs.String("ref-date", "", "reference `date` YYYY-MM-DD for relative dates (default: today)")
	var gaz gazetteerFlags
	gaz.register(fs)
	args, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "extract sample: "+format+"\n", a...)
		fmt.Fprintln(e.stderr, "Run 'extract sample -h' for usage.")
		return exitUsage
	}
	*typ = strings.ToUpper(*typ)
	switch {
	case *typ != "ALL" && *typ != "PLACE" && *typ != "ORG" && *typ != "DATE" && *typ != "QUANTITY":
		return usageErr("--type must be PLACE, ORG, DATE, QUANTITY or all")
	case *input != "text" && *input != "jsonl":
		return usageErr("--input must be text or jsonl")
	case *n < 1:
		return usageErr("-n must be at least 1")
	case *width < 0:
		return usageErr("--width must be 0 or more")
	case *format != "text" && *format != "jsonl":
		return usageErr("--format must be text or jsonl")
	case len(args) == 0:
		return usageErr("name the files or directories to sample from")
	case gaz.check() != nil:
		return usageErr("%v", gaz.check())
	}
	cfg := gaz.config()
	if *refDate != "" {
		var err error
		if cfg.RefDate, err = source.ParseDate(*refDate); err != nil {
			return usageErr("--ref-date: %v", err)
		}
	}
	x, err := khabar.New(cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "extract sample: %v\n", err)
		return exitUsage
	}

	sampler := review.NewSampler(*n, *seed)
	var picks []sampled
	docs, failed := 0, 0
	wk := &source.Walker{Glob: *glob, Warn: func(msg string) { fmt.Fprintf(e.stderr, "extract sample: %s\n", msg) }}
	walk := func(fn func(source.Item) error) error { return wk.Walk(ctx, args, fn) }
	if *input == "jsonl" {
		walk = func(fn func(source.Item) error) error { return listJSONL(ctx, args, *maxLine, e.stdin, fn) }
	}
	err = walk(func(it source.Item) error {
		text, err := readItem(it)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "extract sample: %s: %v\n", it.ID, err)
			return nil
		}
		res, err := x.Extract(ctx, khabar.Document{ID: it.ID, Text: text, RefDate: it.RefDate})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			fmt.Fprintf(e.stderr, "extract sample: %v\n", err)
			return nil
		}
		docs++
		var runes []rune
		for _, ent := range res.Entities {
			if *typ != "ALL" && ent.Type != *typ || !strings.HasPrefix(ent.Source, *from) {
				continue
			}
			slot, keep := sampler.Offer()
			if !keep {
				continue
			}
			if runes == nil {
				runes = []rune(text)
			}
			p := sampled{Doc: it.ID, Context: review.Snippet(runes, ent.Start, ent.End, *width), Entity: ent}
			if slot == len(picks) {
				picks = append(picks, p)
			} else {
				picks[slot] = p
			}
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(e.stderr, "extract sample: %v\n", err)
		return exitDocFailed
	}

	out := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if *format == "text" {
		fmt.Fprintf(out, "# %d of %d %s entities from %d documents (seed %d)\n", len(picks), sampler.Seen(), strings.ToLower(*typ), docs, *seed)
	}
	for i, p := range picks {
		if *format == "jsonl" {
			if err = enc.Encode(p); err != nil {
				break
			}
			continue
		}
		ent := p.Entity
		fmt.Fprintf(out, "%3d  %s %s  %s → %s  %s:%d\n     %s\n", i+1, ent.Type, ent.Subtype, ent.Text,
			sampleValue(ent), p.Doc, ent.Start, p.Context)
	}
	if code := endStatus(ctx, e, "extract sample", err, out.Flush()); code != exitOK {
		return code
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "extract sample: %d documents could not be read\n", failed)
		return exitDocFailed
	}
	return exitOK
}

// sampleValue says what an entity was read as: the gazetteer entry and
// evidence of a name, the value of a date, the figure of a quantity, the
// rule of a pattern name.
func sampleValue(ent *khabar.Entity) string {
	switch {
	case ent.Value != nil:
		return fmt.Sprintf("%s (%s, %s) %s", ent.Value, ent.Calendar, ent.Resolved, ent.Source)
	case ent.Quantity != nil:
		return fmt.Sprintf("%d %s", ent.Quantity.Value, ent.Quantity.Unit)
	case ent.IDs["gazetteer"] != "":
		return fmt.Sprintf("%s [%s] %s", ent.Canonical, ent.IDs["gazetteer"], ent.Evidence)
	}
	return ent.Source
}

// readItem reads a listed document whole, refusing what cannot be shown
// as context: a listing error, a file too large, text that is not UTF-8.
func readItem(it source.Item) (string, error) {
	if it.Err != nil {
		return "", it.Err
	}
	if it.Open == nil {
		return it.Text, nil
	}
	if it.ID == source.Stdin {
		return "", errors.New("standard input cannot be sampled; name files or directories")
	}
	rc, err := it.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxSampleDoc+1))
	switch {
	case err != nil:
		return "", err
	case len(b) > maxSampleDoc:
		return "", fmt.Errorf("larger than %d MiB", maxSampleDoc>>20)
	case !utf8.Valid(b):
		return "", errors.New("not valid UTF-8 (run extract on it to see why)")
	}
	return string(b), nil
}
