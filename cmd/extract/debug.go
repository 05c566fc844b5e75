package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/transform"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/internal/source"
	"github.com/khabar-ie/khabar/stemmer/arabic"
)

const normalizeUsage = `Usage: extract normalize [flags] [FILE|-]...

Writes the normalized text of the files (or standard input) to standard
output, streaming in fixed memory. By default every rule applies (what the
extractor matches on): presentation forms unfolded; diacritics, tatweel and
invisible controls removed; Unicode spaces made plain; أ إ آ ٱ → ا, ى → ي,
ة → ه, ؤ → و, ئ → ي, ک → ك, ی → ي; Arabic-Indic digits → 0-9. Each --keep-*
flag turns one rule off; --display keeps letters, digits and diacritics.
Invalid UTF-8 bytes become U+FFFD.

Flags:
`

func cmdNormalize(ctx context.Context, e env, args []string) int {
	fs := newFlagSet(e, "extract normalize", normalizeUsage)
	var o khabar.NormalizeOptions
	display := fs.Bool("display", false, "display preset: keep letters, digits and diacritics as written")
	fs.BoolVar(&o.KeepPresentationForms, "keep-presentation-forms", false, "do not unfold presentation forms and ligatures")
	fs.BoolVar(&o.KeepDiacritics, "keep-diacritics", false, "keep harakat and Quranic marks")
	fs.BoolVar(&o.KeepTatweel, "keep-tatweel", false, "keep tatweel (kashida)")
	fs.BoolVar(&o.KeepControls, "keep-controls", false, "keep zero-width and bidi controls and the BOM")
	fs.BoolVar(&o.KeepSpaces, "keep-spaces", false, "keep Unicode spaces and control characters as they are")
	fs.BoolVar(&o.KeepAlef, "keep-alef", false, "keep أ إ آ ٱ")
	fs.BoolVar(&o.KeepAlefMaksura, "keep-alef-maksura", false, "keep ى")
	fs.BoolVar(&o.KeepTaMarbuta, "keep-ta-marbuta", false, "keep ة")
	fs.BoolVar(&o.KeepHamzaCarriers, "keep-hamza-carriers", false, "keep ؤ and ئ")
	fs.BoolVar(&o.KeepPersianLetters, "keep-persian-letters", false, "keep ک and ی")
	fs.BoolVar(&o.KeepDigits, "keep-digits", false, "keep Arabic-Indic digits and separators")
	args, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *display {
		// Explicit --keep-* flags add to the preset.
		o = mergeKeep(khabar.DisplayNormalization(), o)
	}
	n := khabar.NewNormalizer(o)
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	if len(args) == 0 {
		args = []string{"-"}
	}
	code = exitOK
	for _, p := range args {
		if ctx.Err() != nil {
			return exitInterrupted
		}
		var in io.Reader = e.stdin
		if p != "-" {
			f, err := os.Open(p)
			if err != nil {
				fmt.Fprintf(e.stderr, "extract normalize: %v\n", err)
				code = exitDocFailed
				continue
			}
			defer f.Close()
			in = f
		}
		if _, err := io.Copy(out, transform.NewReader(in, n.Transformer())); err != nil {
			if isBrokenPipe(err) {
				return exitOK
			}
			fmt.Fprintf(e.stderr, "extract normalize: %s: %v\n", p, err)
			code = exitDocFailed
		}
	}
	if err := out.Flush(); err != nil && !isBrokenPipe(err) {
		fmt.Fprintf(e.stderr, "extract normalize: write: %v\n", err)
		return exitDocFailed
	}
	return code
}

// mergeKeep returns the options that keep what either a or b keeps.
func mergeKeep(a, b khabar.NormalizeOptions) khabar.NormalizeOptions {
	return khabar.NormalizeOptions{
		KeepPresentationForms: a.KeepPresentationForms || b.KeepPresentationForms,
		KeepDiacritics:        a.KeepDiacritics || b.KeepDiacritics,
		KeepTatweel:           a.KeepTatweel || b.KeepTatweel,
		KeepControls:          a.KeepControls || b.KeepControls,
		KeepSpaces:            a.KeepSpaces || b.KeepSpaces,
		KeepAlef:              a.KeepAlef || b.KeepAlef,
		KeepAlefMaksura:       a.KeepAlefMaksura || b.KeepAlefMaksura,
		KeepTaMarbuta:         a.KeepTaMarbuta || b.KeepTaMarbuta,
		KeepHamzaCarriers:     a.KeepHamzaCarriers || b.KeepHamzaCarriers,
		KeepPersianLetters:    a.KeepPersianLetters || b.KeepPersianLetters,
		KeepDigits:            a.KeepDigits || b.KeepDigits,
	}
}

const tokensUsage = `Usage: extract tokens [flags] [FILE|-]

Shows how the pipeline reads a document: one line per token with its
sentence, original offsets (code points, end exclusive), kind, original
text, normalized form, Snowball Arabic stem, the entity covering it and its
clitic readings (prefix+stem+suffix, whole word first).

Flags:
`

func cmdTokens(ctx context.Context, e env, args []string) int {
	fs := newFlagSet(e, "extract tokens", tokensUsage)
	format := fs.String("format", "tsv", "output `format`: tsv or jsonl")
	var gaz gazetteerFlags
	gaz.register(fs)
	args, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if *format != "tsv" && *format != "jsonl" {
		fmt.Fprintf(e.stderr, "extract tokens: --format must be tsv or jsonl\n")
		return exitUsage
	}
	if len(args) > 1 {
		fmt.Fprintf(e.stderr, "extract tokens: one document at a time\n")
		return exitUsage
	}
	if err := gaz.check(); err != nil {
		fmt.Fprintf(e.stderr, "extract tokens: %v\n", err)
		return exitUsage
	}
	x, err := khabar.New(gaz.config())
	if err != nil {
		fmt.Fprintf(e.stderr, "extract tokens: %v\n", err)
		return exitUsage
	}
	name, in := "-", e.stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			fmt.Fprintf(e.stderr, "extract tokens: %v\n", err)
			return exitDocFailed
		}
		defer f.Close()
		name, in = args[0], f
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if *format == "tsv" {
		fmt.Fprintln(out, "sentence\tstart\tend\tkind\ttext\tnorm\tstem\tentity\treadings")
	}
	err = x.Tokens(ctx, khabar.DocInfo{ID: name}, in, func(t khabar.Token) error {
		if *format == "jsonl" {
			return enc.Encode(t)
		}
		_, err := fmt.Fprintf(out, "%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Sentence, t.Start, t.End, t.Kind,
			t.Text, t.Norm, t.Stem, t.Entity, strings.Join(t.Readings, " "))
		return err
	})
	return endStatus(ctx, e, "extract tokens", err, out.Flush())
}

const stemUsage = `Usage: extract stem [flags] [FILE|-]...

Reads words, one a line, and writes their Snowball Arabic stems, one a line,
like Snowball's stemwords (-l arabic): ASCII letters are lower-cased first,
everything else is left to the algorithm. The stemmer is a Go port of
Snowball's arabic.sbl that gives the reference implementation's stems.

Flags:
`

func cmdStem(ctx context.Context, e env, args []string) int {
	fs := newFlagSet(e, "extract stem", stemUsage)
	keepStop := fs.Bool("keep-stop-words", false, "leave function words (في، من، الذي…) unstemmed")
	args, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	var s arabic.Stemmer
	var buf []byte
	code = exitOK
	for _, p := range args {
		var in io.Reader = e.stdin
		if p != "-" {
			f, err := os.Open(p)
			if err != nil {
				fmt.Fprintf(e.stderr, "extract stem: %v\n", err)
				code = exitDocFailed
				continue
			}
			defer f.Close()
			in = f
		}
		br := bufio.NewReaderSize(source.ContextReader(ctx, in), 64<<10)
		for {
			line, err := br.ReadSlice('\n')
			if err == bufio.ErrBufferFull {
				// A "word" longer than the buffer: gather it whole.
				long := append([]byte(nil), line...)
				for err == bufio.ErrBufferFull {
					line, err = br.ReadSlice('\n')
					long = append(long, line...)
				}
				line = long
			}
			if len(line) > 0 {
				word := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
				for i, c := range word {
					if c >= 'A' && c <= 'Z' {
						word[i] = c + 'a' - 'A'
					}
				}
				if *keepStop && arabic.IsStopWord(string(word)) {
					buf = append(buf[:0], word...)
				} else {
					buf = s.Append(buf[:0], word)
				}
				buf = append(buf, '\n')
				if _, werr := out.Write(buf); werr != nil {
					return endStatus(ctx, e, "extract stem", werr, nil)
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				if code := endStatus(ctx, e, "extract stem", fmt.Errorf("%s: %w", p, err), out.Flush()); code != exitOK {
					return code
				}
				break
			}
		}
	}
	if status := endStatus(ctx, e, "extract stem", nil, out.Flush()); status != exitOK {
		return status
	}
	return code
}
