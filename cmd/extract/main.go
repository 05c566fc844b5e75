// Command extract finds places, organizations, dates and events in Arabic
// news text and writes them as JSON records.
//
//	extract [flags] [FILE|DIR|-]...     extract records (default command)
//	extract normalize [flags] [FILE]... print normalized text
//	extract tokens [flags] [FILE|-]     print tokens, clitic readings, stems, entities
//	extract stem [flags] [FILE|-]...    Snowball Arabic stems of words, one a line
//	extract gazetteer [flags] [NAME]... the gazetteer's contents, or the entries a name matches
//	extract sample [flags] FILE|DIR...  a random sample of entities in context, for checking
//
// Run "extract -h" for the flags. Exit status: 0 when every document was
// processed, 1 when at least one document failed (its error is on stderr
// and in an error record), 2 for a usage or start-up error, 130 when
// interrupted. A closed output pipe (extract DIR | head) ends the run
// quietly with status 0.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/khabar-ie/khabar"

	"golang.org/x/term"
)

// Exit statuses.
const (
	exitOK          = 0
	exitDocFailed   = 1
	exitUsage       = 2
	exitInterrupted = 130
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command reads and writes.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run dispatches to a subcommand and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// A closed pipe must surface as an error from Write (EPIPE), not kill
	// the process, so the run can stop quietly and cleanly.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C kills at once
	}()

	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := "", args
	if len(args) > 0 {
		switch args[0] {
		case "normalize", "tokens", "stem", "gazetteer", "sample", "help":
			cmd, rest = args[0], args[1:]
		}
	}
	var code int
	switch cmd {
	case "normalize":
		code = cmdNormalize(ctx, e, rest)
	case "tokens":
		code = cmdTokens(ctx, e, rest)
	case "stem":
		code = cmdStem(ctx, e, rest)
	case "gazetteer":
		code = cmdGazetteer(ctx, e, rest)
	case "sample":
		code = cmdSample(ctx, e, rest)
	case "help":
		code = cmdExtract(ctx, e, []string{"-h"})
	default:
		code = cmdExtract(ctx, e, rest)
	}
	if ctx.Err() != nil && code != exitUsage {
		fmt.Fprintln(stderr, "extract: interrupted")
		return exitInterrupted
	}
	return code
}

// parseArgs parses a command's flags among its arguments. When ok is
// false the command stops at once with code: -h printed the usage (0), or a
// bad flag was reported (2).
func parseArgs(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	rest, err := parseInterleaved(fs, args)
	switch {
	case err == nil:
		return rest, exitOK, true
	case errors.Is(err, flag.ErrHelp):
		return nil, exitOK, false
	}
	return nil, exitUsage, false
}

// gazetteerFlags choose the gazetteer; every command that builds an
// extractor takes them.
type gazetteerFlags struct {
	files     stringList
	noDefault bool
}

// register adds --gazetteer and --no-default-gazetteer to fs.
func (g *gazetteerFlags) register(fs *flag.FlagSet) {
	fs.Var(&g.files, "gazetteer", "extra gazetteer `file` (TSV, see README); repeatable")
	fs.BoolVar(&g.noDefault, "no-default-gazetteer", false, "use only the --gazetteer files, not the embedded gazetteer")
}

// check reports flags that contradict each other.
func (g *gazetteerFlags) check() error {
	if g.noDefault && len(g.files) == 0 {
		return errors.New("--no-default-gazetteer needs at least one --gazetteer file")
	}
	return nil
}

// config returns an extractor configuration with the chosen gazetteer.
func (g *gazetteerFlags) config() khabar.Config {
	return khabar.Config{Gazetteers: g.files, NoDefaultGazetteer: g.noDefault}
}

// newFlagSet returns a flag set that reports to stderr and prints usage
// (a text, then the flags) on -h.
func newFlagSet(e env, name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	return fs
}

// endStatus turns how a command ended into its exit status, reporting an
// error on stderr. A closed output pipe is a quiet, normal end.
func endStatus(ctx context.Context, e env, cmd string, err, flushErr error) int {
	switch {
	case isBrokenPipe(err) || isBrokenPipe(flushErr):
		return exitOK
	case ctx.Err() != nil:
		return exitInterrupted
	case err != nil:
		fmt.Fprintf(e.stderr, "%s: %v\n", cmd, err)
		return exitDocFailed
	case flushErr != nil:
		fmt.Fprintf(e.stderr, "%s: write: %v\n", cmd, flushErr)
		return exitDocFailed
	}
	return exitOK
}

// parseInterleaved parses flags wherever they appear among the positional
// arguments (extract DIR --workers 4), as users expect; everything after
// "--" is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// isBrokenPipe reports a write to a closed pipe.
func isBrokenPipe(err error) bool {
	return errors.Is(err, syscall.EPIPE)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
