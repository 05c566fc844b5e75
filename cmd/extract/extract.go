package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/batch"
	"github.com/khabar-ie/khabar/internal/output"
	"github.com/khabar-ie/khabar/internal/source"
	"github.com/khabar-ie/khabar/internal/textio"
)

const extractUsage = `Usage: extract [flags] [FILE|DIR|-]...

Finds places, organizations, dates (as ISO 8601 values, Hijri too), counted
figures and events in Arabic news text and writes JSON records to standard
output. Relative dates («أمس», «الثلاثاء الماضي») resolve against --ref-date.

Inputs:
  (none) or -        standard input is one document, processed as it streams
                     in bounded memory: records appear window by window
                     (--context), or sentence by sentence with --context 0
  FILE               a text file (any name)
  DIR                every file matching --glob below DIR, recursively, in
                     lexical order; hidden entries are skipped, symbolic
                     links followed (loops are skipped)
  --input jsonl      each argument (or standard input) is JSON Lines: one
                     {"id", "text", "date"} object a line is a document

Output (--format):
  jsonl   one record a line: "entity" and "event" records as they are found,
          then one "summary" per document ("error" before it if it failed)
  json    one indented object per document: {doc, entities, events, summary}
Spans are Unicode code point offsets into the original text, end exclusive.

Examples:
  extract testdata/jasim.txt
  extract --ref-date 2022-07-26 --workers 2 corpus/ > records.jsonl
  cat article.txt | extract --format json
  extract --input jsonl docs.jsonl
  extract normalize < article.txt       (see: extract normalize -h)
  extract tokens article.txt            (see: extract tokens -h)
  extract stem < words.txt              (see: extract stem -h)
  extract gazetteer درعا                (see: extract gazetteer -h)
  extract sample --type PLACE corpus/   (see: extract sample -h)

Exit status: 0 all documents processed; 1 some document failed (reported on
stderr and as an error record, the others are still processed); 2 usage or
start-up error; 130 interrupted. A closed output pipe ends quietly with 0.

Flags:
`

// extractFlags are the extract command's options.
type extractFlags struct {
	format      string
	places      bool
	input       string
	glob        string
	refDate     string
	workers     int
	gaz         gazetteerFlags
	encoding    string
	progress    string
	maxSentence int
	context     int
	maxLine     int
	output      string
	name        string
}

// stringList is a repeatable string flag.
type stringList []string

// String implements flag.Value.
func (s *stringList) String() string { return strings.Join(*s, ",") }

// Set implements flag.Value; each use adds one value.
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

func cmdExtract(ctx context.Context, e env, args []string) int {
	var f extractFlags
	fs := newFlagSet(e, "extract", extractUsage)
	fs.StringVar(&f.format, "format", "jsonl", "output `format`: jsonl, json, csv (one row per event, ACLED's columns) or geojson (a FeatureCollection of events)")
	fs.BoolVar(&f.places, "geojson-places", false, "with --format geojson, add the PLACE entities as features")
	fs.StringVar(&f.input, "input", "text", "input `kind`: text (files, directories, stdin) or jsonl")
	fs.StringVar(&f.glob, "glob", "*.txt", "file name `pattern` selected inside directories")
	fs.StringVar(&f.refDate, "ref-date", "", "reference `date` YYYY-MM-DD for relative dates (default: the JSONL date, else today)")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "documents processed in parallel; output order never changes")
	f.gaz.register(fs)
	fs.StringVar(&f.encoding, "encoding", "utf-8", "input `encoding`: utf-8, utf-16, windows-1256, iso-8859-6…")
	fs.StringVar(&f.progress, "progress", "auto", "progress on stderr: auto (terminal and directory or JSONL input), always, never")
	fs.IntVar(&f.maxSentence, "max-sentence", khabar.DefaultMaxSentenceBytes, "longest sentence in `bytes` before it is cut (bounds memory)")
	fs.IntVar(&f.context, "context", khabar.DefaultContextBytes, "decide names over windows of this many `bytes` of text, so evidence later in a document counts; 0: sentence by sentence, earlier text only")
	fs.IntVar(&f.maxLine, "max-line", source.DefaultMaxLine, "longest JSON Lines record in `bytes`")
	fs.StringVar(&f.output, "o", "", "write records to `file` instead of standard output")
	fs.StringVar(&f.name, "name", source.Stdin, "document `name` used as \"doc\" for standard input")
	args, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "extract: "+format+"\n", a...)
		fmt.Fprintln(e.stderr, "Run 'extract -h' for usage.")
		return exitUsage
	}

	cfg := f.gaz.config()
	cfg.MaxSentenceBytes, cfg.ContextBytes = f.maxSentence, f.context
	switch {
	case f.context < 0:
		return usageErr("--context must be 0 or more")
	case f.context == 0:
		cfg.ContextBytes = -1 // sentence by sentence
	}
	var refDate time.Time
	if f.refDate != "" {
		var err error
		if refDate, err = source.ParseDate(f.refDate); err != nil {
			return usageErr("--ref-date: %v", err)
		}
		cfg.RefDate = refDate
	}
	if f.workers < 1 {
		return usageErr("--workers must be at least 1")
	}
	if f.input != "text" && f.input != "jsonl" {
		return usageErr("--input must be text or jsonl, not %q", f.input)
	}
	if f.progress != "auto" && f.progress != "always" && f.progress != "never" {
		return usageErr("--progress must be auto, always or never")
	}
	if _, err := textio.Encoding(f.encoding); err != nil {
		return usageErr("--encoding: %v", err)
	}
	if err := f.gaz.check(); err != nil {
		return usageErr("%v", err)
	}
	if _, err := filepath.Match(f.glob, "x"); err != nil {
		return usageErr("--glob %q: %v", f.glob, err)
	}
	if f.format != "jsonl" && f.format != "json" && f.format != "csv" && f.format != "geojson" {
		return usageErr("--format must be jsonl, json, csv or geojson, not %q", f.format)
	}
	x, err := khabar.New(cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "extract: %v\n", err)
		return exitUsage
	}
	// The output file is created only once everything else is known to be
	// right, so a usage error never empties a previous result.
	out := e.stdout
	if f.output != "" {
		file, err := os.Create(f.output)
		if err != nil {
			return usageErr("%v", err)
		}
		defer file.Close()
		out = file
	}
	w, err := output.NewWith(f.format, out, output.Options{Places: f.places})
	if err != nil {
		return usageErr("--format: %v", err)
	}
	// Standard input may stay open and idle; reading it must not keep
	// Ctrl-C from stopping the run.
	stdin := source.ContextReader(ctx, e.stdin)
	if len(args) == 0 {
		args = []string{source.Stdin}
	}

	sink := &cliSink{w: w, stderr: e.stderr}
	if showProgress(f.progress, f.input, args, e.stderr) {
		sink.bar = newProgress(ctx, e.stderr, f, args)
	}

	// The lister: files and directories, or JSON Lines documents.
	list := func(fn func(source.Item) error) error {
		if !refDate.IsZero() {
			inner := fn
			fn = func(it source.Item) error { it.RefDate = refDate; return inner(it) }
		}
		if f.input == "jsonl" {
			return listJSONL(ctx, args, f.maxLine, stdin, fn)
		}
		wk := &source.Walker{Glob: f.glob, Warn: func(msg string) { sink.note("%s", msg) }}
		return wk.Walk(ctx, args, func(it source.Item) error {
			if it.ID == source.Stdin {
				it.ID = f.name
				it.Open = func() (io.ReadCloser, error) { return io.NopCloser(stdin), nil }
			}
			return fn(it)
		})
	}

	runner := &batch.Runner{Extractor: x, Workers: f.workers}
	if enc, _ := textio.Encoding(f.encoding); enc != nil {
		runner.Decode = func(r io.Reader) (io.Reader, error) { return textio.Decode(r, f.encoding) }
	}
	stats, err := runner.Run(ctx, list, sink)
	if sink.bar != nil {
		_ = sink.bar.Finish()
	}
	if code := endStatus(ctx, e, "extract", err, w.Close()); code != exitOK {
		return code
	}
	if stats.Failed > 0 {
		fmt.Fprintf(e.stderr, "extract: %d of %d documents failed\n", stats.Failed, stats.Documents)
		return exitDocFailed
	}
	return exitOK
}

// listJSONL reads JSON Lines documents from each path, or stdin.
func listJSONL(ctx context.Context, paths []string, maxLine int, stdin io.Reader, fn func(source.Item) error) error {
	j := &source.JSONL{MaxLine: maxLine}
	for _, p := range paths {
		if p == source.Stdin {
			if err := j.Read(ctx, stdin, "stdin", fn); err != nil {
				return err
			}
			continue
		}
		file, err := os.Open(p)
		if err != nil {
			var pe *os.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			if err := fn(source.Item{ID: p, Err: err}); err != nil {
				return err
			}
			continue
		}
		err = j.Read(ctx, file, p, fn)
		file.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// cliSink writes records and reports problems on stderr.
type cliSink struct {
	w      output.Writer
	stderr io.Writer
	bar    *progressbar.ProgressBar
	mu     sync.Mutex
}

// Record writes a record, noting errors and warnings on stderr.
func (s *cliSink) Record(r khabar.Record) error {
	switch v := r.(type) {
	case *khabar.ErrorRecord:
		s.note("%s: %s", v.Doc, v.Error)
	case *khabar.Summary:
		for _, w := range v.Warnings {
			s.note("%s: warning: %s", v.Doc, w)
		}
		if v.InvalidUTF8 > 0 {
			s.note("%s: warning: %d invalid UTF-8 sequences replaced by U+FFFD", v.Doc, v.InvalidUTF8)
		}
	}
	return s.w.Write(r)
}

// EndDocument advances the progress bar and closes the document.
func (s *cliSink) EndDocument(string, bool) error {
	if s.bar != nil {
		_ = s.bar.Add(1)
	}
	return s.w.EndDocument()
}

// Idle flushes the output while nothing is ready.
func (s *cliSink) Idle() error { return s.w.Flush() }

// note writes one line to stderr, clearing the progress bar first.
func (s *cliSink) note(format string, a ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.bar != nil {
		_ = s.bar.Clear()
	}
	fmt.Fprintf(s.stderr, "extract: "+format+"\n", a...)
}

// showProgress decides whether to draw a progress bar.
func showProgress(mode, input string, args []string, stderr io.Writer) bool {
	switch mode {
	case "never":
		return false
	case "always":
		return true
	}
	if !isTerminal(stderr) {
		return false
	}
	if input == "jsonl" {
		return true
	}
	for _, a := range args {
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			return true
		}
	}
	return false
}

// newProgress starts a bar with an unknown total and counts the documents
// in the background to fill it in.
func newProgress(ctx context.Context, stderr io.Writer, f extractFlags, args []string) *progressbar.ProgressBar {
	bar := progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("documents"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
	if f.input == "text" {
		go func() {
			n := 0
			wk := &source.Walker{Glob: f.glob}
			if wk.Walk(ctx, args, func(source.Item) error { n++; return nil }) == nil {
				bar.ChangeMax(n)
			}
		}()
	}
	return bar
}
