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
chosen, its subtype and the evidence that admitted the name. With
--type EVENT it samples events instead: the trigger marked in its
sentence, with the event's type, place, date and figures. The same
documents, flags and --seed give the same sample.

Examples:
  extract sample --type PLACE -n 100 --seed 1 corpus/
  extract sample --type ORG --format jsonl corpus/ > org-sample.jsonl
  extract sample --type EVENT --input jsonl -n 50 corpus.jsonl

Flags:
`

// sampled is one entity of the sample with its context.
type sampled struct {
	Doc     string         `json:"doc"`
	Context string         `json:"context"`
	Entity  *khabar.Entity `json:"entity,omitempty"`
	Event   *khabar.Event  `json:"event,omitempty"`
}

// maxSampleDoc bounds the size of a document read whole for its context.
const maxSampleDoc = 64 << 20

func cmdSample(ctx context.Context, e env, args []string) int {
	fs := newFlagSet(e, "extract sample", sampleUsage)
	typ := fs.String("type", "all", "`type` sampled: PLACE, ORG, DATE, QUANTITY, all (entities) or EVENT")
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
	case *typ != "ALL" && *typ != "PLACE" && *typ != "ORG" && *typ != "DATE" && *typ != "QUANTITY" && *typ != "EVENT":
		return usageErr("--type must be PLACE, ORG, DATE, QUANTITY, all or EVENT")
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
		keep := func(p sampled) {
			slot, ok := sampler.Offer()
			if !ok {
				return
			}
			if slot == len(picks) {
				picks = append(picks, p)
			} else {
				picks[slot] = p
			}
		}
		if *typ == "EVENT" {
			for _, ev := range res.Events {
				if !strings.HasPrefix(ev.Source, *from) {
					continue
				}
				if runes == nil {
					runes = []rune(text)
				}
				// The sentence, cut to width on each side of the trigger.
				lo := max(ev.Sentence.Start, ev.Trigger.Start-*width)
				hi := min(ev.Sentence.End, ev.Trigger.End+*width)
				keep(sampled{Doc: it.ID, Context: review.Snippet(runes[lo:hi], ev.Trigger.Start-lo, ev.Trigger.End-lo, *width), Event: ev})
			}
			return nil
		}
		for _, ent := range res.Entities {
			if *typ != "ALL" && ent.Type != *typ || !strings.HasPrefix(ent.Source, *from) {
				continue
			}
			if runes == nil {
				runes = []rune(text)
			}
			keep(sampled{Doc: it.ID, Context: review.Snippet(runes, ent.Start, ent.End, *width), Entity: ent})
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
		what := strings.ToLower(*typ) + " entities"
		if *typ == "EVENT" {
			what = "events"
		}
		fmt.Fprintf(out, "# %d of %d %s from %d documents (seed %d)\n", len(picks), sampler.Seen(), what, docs, *seed)
	}
	for i, p := range picks {
		if *format == "jsonl" {
			if err = enc.Encode(p); err != nil {
				break
			}
			continue
		}
		if ev := p.Event; ev != nil {
			fmt.Fprintf(out, "%3d  EVENT %s  %s  %s:%d\n     %s\n", i+1, eventKind(ev), eventSummary(ev), p.Doc, ev.Trigger.Start, p.Context)
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

// eventKind is an event's type, sub type and label.
func eventKind(ev *khabar.Event) string {
	k := ev.Type + "/" + ev.SubType
	if ev.Label != "" {
		k += "/" + ev.Label
	}
	return k
}

// eventSummary says where, when and with what toll an event was read, and
// how the text holds it.
func eventSummary(ev *khabar.Event) string {
	var b strings.Builder
	b.WriteString("at ")
	if l := ev.Location; l != nil {
		b.WriteString(l.Name)
	} else {
		b.WriteString("?")
	}
	if d := ev.Date; d != nil && d.Value != nil {
		fmt.Fprintf(&b, " on %s (%s)", d.Value, d.Basis)
	}
	if f := ev.Fatalities; f != nil {
		fmt.Fprintf(&b, " killed %d", f.Value)
	}
	if f := ev.Injured; f != nil {
		fmt.Fprintf(&b, " injured %d", f.Value)
	}
	if ev.Modality != "asserted" {
		b.WriteString(" " + ev.Modality)
	}
	return b.String()
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
