// Package khabar extracts places, organizations, dates and events from
// Arabic news text.
//
// Build an [Extractor] once with [New]; it is immutable and safe for
// concurrent use. Then:
//
//   - [Extractor.Extract] processes a document held in memory and returns
//     its records;
//   - [Extractor.ExtractReader] processes a document read from an
//     io.Reader sentence by sentence, calling a function for each record as
//     soon as it is found, in bounded memory whatever the input's size;
//   - [Extractor.Records] is the same stream as an iterator.
//
// Every span in every record is a pair of Unicode code point offsets into
// the original text (end exclusive), and its text is exactly that slice of
// the original: normalization (alef and hamza forms, ta marbuta, alef
// maksura, diacritics, tatweel, presentation forms, digits) is only used to
// match, never to report.
//
// The flow is: textio (decode) → normalize (with an offset map) → segment
// (sentences, tokens) → clitic readings → ner (gazetteer candidates) and
// rules (dates, numbers, pattern names) → resolve → records.
package khabar

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/khabar-ie/khabar/gazetteer"
	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/events"
	"github.com/khabar-ie/khabar/internal/lexicon"
	"github.com/khabar-ie/khabar/internal/ner"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/resolve"
	"github.com/khabar-ie/khabar/internal/rules"
)

// NormalizeOptions turns individual normalization rules off; the zero value
// applies them all, which is what matching wants. See the fields for each
// rule.
type NormalizeOptions = normalize.Options

// Config configures an Extractor. The zero value is a working
// configuration: full normalization, the embedded gazetteer, today as the
// reference date.
type Config struct {
	// Normalization used for matching. Reported spans always point into
	// the original text whatever is chosen here.
	Normalization NormalizeOptions
	// Gazetteers are extra gazetteer files (the TSV format described in
	// README), loaded after the embedded default.
	Gazetteers []string
	// NoDefaultGazetteer leaves the embedded gazetteer out, so Gazetteers
	// replace it instead of adding to it.
	NoDefaultGazetteer bool
	// RefDate resolves relative dates in documents that carry no date of
	// their own. The zero value means the current date when each document
	// is processed.
	RefDate time.Time
	// MaxSentenceBytes caps a sentence's normalized length; longer runs
	// without punctuation or line breaks are cut (and counted in the
	// summary). Zero means DefaultMaxSentenceBytes.
	MaxSentenceBytes int
	// ContextBytes is how much text (normalized bytes, in whole
	// sentences) is read before its gazetteer candidates are decided, so
	// that a name's evidence may come later in the document (a bare جاسم
	// before "مدينة جاسم"). Records of a window are emitted when it is
	// decided. Zero means DefaultContextBytes; a negative value decides
	// each sentence as soon as it is complete, with only earlier text as
	// context.
	ContextBytes int
}

// DefaultMaxSentenceBytes is the default cap on a sentence's length.
const DefaultMaxSentenceBytes = 64 << 10

// DefaultContextBytes is the default decision window: most news articles
// fit in it whole.
const DefaultContextBytes = 32 << 10

// Extractor runs the pipeline. It is immutable after New and safe for
// concurrent use; per-call buffers come from a pool.
type Extractor struct {
	cfg      Config
	norm     *normalize.Normalizer
	tagger   *ner.Tagger
	resolver *resolve.Resolver
	rules    *rules.Rules
	events   *events.Lexicon
	// filters are the words the rules and the events start with, probed
	// in the gazetteer's hashing pass.
	filters []*lexicon.KeyFilter
	lex     *lexicon.Lexicon
	sources []string  // "gazetteer:<id>" of each entry, made once
	isPlace []bool    // whether each entry is a PLACE
	pool    sync.Pool // *run
}

// New builds an Extractor: normalization tables, the gazetteer trie (the
// embedded default is parsed once per process and shared) and any extra
// gazetteer files. Errors in gazetteer files name the file and line.
func New(cfg Config) (*Extractor, error) {
	if cfg.MaxSentenceBytes <= 0 {
		cfg.MaxSentenceBytes = DefaultMaxSentenceBytes
	}
	switch {
	case cfg.ContextBytes == 0:
		cfg.ContextBytes = DefaultContextBytes
	case cfg.ContextBytes < 0:
		cfg.ContextBytes = 0
	}
	x := &Extractor{cfg: cfg, norm: normalize.New(cfg.Normalization)}
	an, err := clitic.New(x.norm.String("ة"))
	if err != nil {
		return nil, fmt.Errorf("clitic inventory: %w", err)
	}
	var entries []lexicon.Entry
	if !cfg.NoDefaultGazetteer {
		def, err := defaultEntries()
		if err != nil {
			return nil, fmt.Errorf("embedded gazetteer: %w", err)
		}
		entries = append(entries, def...)
	}
	for _, path := range cfg.Gazetteers {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		more, err := lexicon.Parse(f, path)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("gazetteer: %w", err)
		}
		entries = append(entries, more...)
	}
	x.lex, err = lexicon.Build(entries, x.norm, an)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if x.tagger, err = ner.New(x.lex, an, x.norm); err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	if x.resolver, err = resolve.New(x.lex, x.norm); err != nil {
		return nil, fmt.Errorf("resolver: %w", err)
	}
	if x.rules, err = rules.New(x.norm, x.tagger); err != nil {
		return nil, err
	}
	if x.events, err = events.New(x.norm, an); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	x.filters = []*lexicon.KeyFilter{x.rules.Keys(), lexicon.NewKeyFilter(x.events.Keys()), lexicon.NewKeyFilter(x.events.TriggerKeys())}
	all := x.lex.Entries()
	x.sources = make([]string, len(all))
	x.isPlace = make([]bool, len(all))
	for i := range all {
		x.sources[i] = "gazetteer:" + all[i].ID
		x.isPlace[i] = all[i].Type == rules.TypePlace
	}
	x.pool.New = func() any { return new(run) }
	return x, nil
}

// defaultEntries parses the embedded gazetteer once per process.
var defaultEntries = sync.OnceValues(func() ([]lexicon.Entry, error) {
	fsys := gazetteer.FS()
	names, err := gazetteer.Files()
	if err != nil {
		return nil, err
	}
	var all []lexicon.Entry
	for _, name := range names {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, err
		}
		entries, err := lexicon.Parse(f, "gazetteer/"+name)
		f.Close()
		if err != nil {
			return nil, err
		}
		all = append(all, entries...)
	}
	return all, nil
})

// adminChain returns the ancestors of entry i, nearest first.
func (x *Extractor) adminChain(i int32) []AdminUnit {
	var out []AdminUnit
	entries := x.lex.Entries()
	for p := x.lex.Parent(i); p >= 0; p = x.lex.Parent(p) {
		e := &entries[p]
		out = append(out, AdminUnit{ID: e.ID, Name: e.Name, Subtype: e.Subtype})
	}
	return out
}

// GazetteerSize returns the number of gazetteer entries loaded.
func (x *Extractor) GazetteerSize() int {
	n, _ := x.lex.Size()
	return n
}

// Document is a document held in memory.
type Document struct {
	ID      string    // names the document in records ("doc")
	Text    string    // the article text
	RefDate time.Time // resolves relative dates; zero means Config.RefDate
}

// DocInfo describes a document read from a stream.
type DocInfo struct {
	ID      string
	RefDate time.Time
}

// Result is everything extracted from one document.
type Result struct {
	Doc      string    `json:"doc"`
	Entities []*Entity `json:"entities"`
	Events   []*Event  `json:"events"`
	Summary  *Summary  `json:"summary"`
	// Errors holds the document's error records, if any.
	Errors []*ErrorRecord `json:"errors,omitempty"`
}

// Add appends a record to the result.
func (r *Result) Add(rec Record) {
	switch v := rec.(type) {
	case *Entity:
		r.Entities = append(r.Entities, v)
	case *Event:
		r.Events = append(r.Events, v)
	case *Summary:
		r.Summary = v
	case *ErrorRecord:
		r.Errors = append(r.Errors, v)
	}
}

// DocumentError reports a document that could not be processed, fully or
// at all: it is not text, or reading it failed. Other documents are not
// affected.
type DocumentError struct {
	Doc string
	Err error
}

// Error implements error.
func (e *DocumentError) Error() string { return e.Doc + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *DocumentError) Unwrap() error { return e.Err }

// Extract processes a document held in memory. A *DocumentError means the
// document itself was bad; the Result still carries its summary.
func (x *Extractor) Extract(ctx context.Context, doc Document) (*Result, error) {
	res := &Result{Doc: doc.ID, Entities: []*Entity{}, Events: []*Event{}}
	err := x.ExtractReader(ctx, DocInfo{ID: doc.ID, RefDate: doc.RefDate}, strings.NewReader(doc.Text), func(r Record) error {
		res.Add(r)
		return nil
	})
	return res, err
}

// Records streams a document's records as an iterator. An error, if any,
// comes last, paired with a nil record.
func (x *Extractor) Records(ctx context.Context, info DocInfo, r io.Reader) func(yield func(Record, error) bool) {
	return func(yield func(Record, error) bool) {
		stopped := errors.New("stopped")
		err := x.ExtractReader(ctx, info, r, func(rec Record) error {
			if !yield(rec, nil) {
				return stopped
			}
			return nil
		})
		if err != nil && !errors.Is(err, stopped) {
			yield(nil, err)
		}
	}
}

// refDate picks the reference date for a document.
func (x *Extractor) refDate(d time.Time) time.Time {
	switch {
	case !d.IsZero():
		return d
	case !x.cfg.RefDate.IsZero():
		return x.cfg.RefDate
	}
	return time.Now()
}

// FailedSummary returns the summary of a document that could not be read
// at all (for callers that fail before ExtractReader, such as on open).
func (x *Extractor) FailedSummary(doc string, err error) *Summary {
	s := x.newSummary(doc, time.Time{})
	s.Status = "failed"
	s.Errors = append(s.Errors, err.Error())
	return &s
}

// newSummary starts a document's summary: status ok, every count at zero.
func (x *Extractor) newSummary(doc string, refDate time.Time) Summary {
	return Summary{
		Record:  KindSummary,
		Doc:     doc,
		Status:  "ok",
		Counts:  map[string]int{"PLACE": 0, "ORG": 0, "DATE": 0, "QUANTITY": 0, "events": 0},
		RefDate: x.refDate(refDate).Format("2006-01-02"),
		Errors:  []string{},
	}
}
