package main

// End-to-end tests of the extract command: TestMain builds the binary once
// and every test runs it with os/exec, feeding files, directories and
// pipes, and checks the records, the messages on stderr and the exit
// status that the usage text documents.
//
// Tests that demonstrate a known bug are skipped with a "BUG:" message so
// the suite stays green; set EXTRACT_E2E_RUN_BUGS=1 to run them anyway.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
)

var (
	// extractBin is the plain binary, used where speed matters (tens of
	// megabytes of input).
	extractBin string
	// concBin is the binary for the concurrency-heavy tests (workers,
	// closed pipes, interrupts): built with -race when the tests are, so
	// a data race in the worker pool fails the run (exit status 66).
	concBin string
)

// jasimPath is the real article shipped with the module.
var jasimPath = filepath.Join("..", "..", "testdata", "jasim.txt")

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "extract-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	extractBin = filepath.Join(dir, "extract")
	if err := goBuild(extractBin); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	concBin = extractBin
	if raceEnabled {
		concBin = filepath.Join(dir, "extract-race")
		if err := goBuild(concBin, "-race"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}
	return m.Run()
}

// goBuild builds this package (the test runs in its directory).
func goBuild(out string, flags ...string) error {
	args := append([]string{"build", "-buildvcs=false", "-o", out}, flags...)
	args = append(args, ".")
	cmd := exec.Command("go", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %v\n%s", strings.Join(flags, " "), err, stderr.String())
	}
	return nil
}

// childEnv is the environment of extract: a race-enabled binary must not
// sleep a second at exit (the race runtime's default).
func childEnv() []string {
	return append(os.Environ(), "GORACE=atexit_sleep_ms=0")
}

// result is what one run of the binary produced.
type result struct {
	code   int
	stdout []byte
	stderr string
}

// runOpts tunes a run.
type runOpts struct {
	bin     string        // default extractBin
	stdin   io.Reader     // default empty
	dir     string        // working directory, default the package's
	timeout time.Duration // default 60s
}

// extract runs the binary with args and returns its outputs and exit status. A
// run that outlives the timeout is killed and fails the test.
func extract(t *testing.T, args ...string) result {
	t.Helper()
	return extractWith(t, runOpts{}, args...)
}

// extractIn runs the binary with stdin.
func extractIn(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return extractWith(t, runOpts{stdin: strings.NewReader(stdin)}, args...)
}

func extractWith(t *testing.T, o runOpts, args ...string) result {
	t.Helper()
	if o.bin == "" {
		o.bin = extractBin
	}
	if o.timeout == 0 {
		o.timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, o.bin, args...)
	cmd.Env = childEnv()
	cmd.Dir = o.dir
	cmd.WaitDelay = 5 * time.Second
	if o.stdin != nil {
		cmd.Stdin = o.stdin
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("extract %s: still running after %v (killed)\nstderr: %s", strings.Join(args, " "), o.timeout, stderr.String())
	}
	return result{code: exitCode(t, err), stdout: stdout.Bytes(), stderr: stderr.String()}
}

// exitCode turns the error of Run or Wait into an exit status.
func exitCode(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	t.Fatalf("running extract: %v", err)
	return -1
}

// records is a parsed JSON Lines output.
type records struct {
	lines     []string // raw lines, in order
	kinds     []string // record kind of each line
	docs      []string // doc of each line
	entities  []khabar.Entity
	summaries []khabar.Summary
	errs      []khabar.ErrorRecord
}

// parseRecords parses JSON Lines output: every line must be a complete
// JSON object with a known "record" kind, and the output must end with a
// line break.
func parseRecords(t *testing.T, out []byte) *records {
	t.Helper()
	rs := &records{}
	if len(out) == 0 {
		return rs
	}
	require.True(t, bytes.HasSuffix(out, []byte("\n")), "output does not end with a line break: ...%q", tail(out))
	for i, line := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		var head struct {
			Record string `json:"record"`
			Doc    string `json:"doc"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &head), "line %d is not JSON: %q", i+1, line)
		rs.lines = append(rs.lines, line)
		rs.kinds = append(rs.kinds, head.Record)
		rs.docs = append(rs.docs, head.Doc)
		switch head.Record {
		case khabar.KindEntity:
			var e khabar.Entity
			require.NoError(t, json.Unmarshal([]byte(line), &e))
			rs.entities = append(rs.entities, e)
		case khabar.KindSummary:
			var s khabar.Summary
			require.NoError(t, json.Unmarshal([]byte(line), &s))
			rs.summaries = append(rs.summaries, s)
		case khabar.KindError:
			var e khabar.ErrorRecord
			require.NoError(t, json.Unmarshal([]byte(line), &e))
			rs.errs = append(rs.errs, e)
		case khabar.KindEvent:
		default:
			t.Fatalf("line %d: unknown record kind %q", i+1, head.Record)
		}
	}
	return rs
}

func tail(b []byte) []byte {
	if len(b) > 80 {
		return b[len(b)-80:]
	}
	return b
}

// summary returns the summary of doc, failing if there is not exactly one.
func (rs *records) summary(t *testing.T, doc string) khabar.Summary {
	t.Helper()
	var found []khabar.Summary
	for _, s := range rs.summaries {
		if s.Doc == doc {
			found = append(found, s)
		}
	}
	require.Len(t, found, 1, "summaries of %q (docs: %v)", doc, rs.summaryDocs())
	return found[0]
}

// summaryDocs lists the documents that have a summary, in output order.
func (rs *records) summaryDocs() []string {
	var docs []string
	for _, s := range rs.summaries {
		docs = append(docs, s.Doc)
	}
	return docs
}

// entitiesOf returns the entities of doc.
func (rs *records) entitiesOf(doc string) []khabar.Entity {
	var es []khabar.Entity
	for _, e := range rs.entities {
		if e.Doc == doc {
			es = append(es, e)
		}
	}
	return es
}

// errorOf returns the error record of doc, failing if there is not
// exactly one.
func (rs *records) errorOf(t *testing.T, doc string) khabar.ErrorRecord {
	t.Helper()
	var found []khabar.ErrorRecord
	for _, e := range rs.errs {
		if e.Doc == doc {
			found = append(found, e)
		}
	}
	require.Len(t, found, 1, "error records of %q", doc)
	return found[0]
}

// checkStructure checks the documented order: each document's records are
// contiguous, end with exactly one summary, and an error record, if any,
// comes right before the summary, which is then "failed" or "partial".
func (rs *records) checkStructure(t *testing.T) {
	t.Helper()
	done := map[string]bool{}
	for i, kind := range rs.kinds {
		doc := rs.docs[i]
		require.False(t, done[doc], "record %d of %q comes after its summary", i+1, doc)
		if i > 0 && rs.docs[i-1] != doc {
			require.Equal(t, khabar.KindSummary, rs.kinds[i-1], "document %q interleaved with %q", rs.docs[i-1], doc)
		}
		switch kind {
		case khabar.KindSummary:
			done[doc] = true
		case khabar.KindError:
			require.Less(t, i+1, len(rs.kinds), "error record of %q is last", doc)
			require.Equal(t, khabar.KindSummary, rs.kinds[i+1], "error record of %q not followed by its summary", doc)
			require.Equal(t, doc, rs.docs[i+1])
		}
	}
	if n := len(rs.kinds); n > 0 {
		require.Equal(t, khabar.KindSummary, rs.kinds[n-1], "output does not end with a summary")
	}
	for _, s := range rs.summaries {
		if s.Status == "ok" {
			assert.Empty(t, s.Errors, "ok summary of %q has errors", s.Doc)
		} else {
			assert.Contains(t, []string{"failed", "partial"}, s.Status, "summary of %q", s.Doc)
			assert.NotEmpty(t, s.Errors, "%s summary of %q has no errors", s.Status, s.Doc)
		}
	}
}

// checkSpans checks that every entity's text is exactly its span of the
// original text (code points, end exclusive).
func checkSpans(t *testing.T, orig string, es []khabar.Entity) {
	t.Helper()
	runes := []rune(orig)
	for _, e := range es {
		if !assert.True(t, 0 <= e.Start && e.Start < e.End && e.End <= len(runes), "entity %s of %s: bad span [%d,%d) in %d code points", e.ID, e.Doc, e.Start, e.End, len(runes)) {
			continue
		}
		assert.Equal(t, string(runes[e.Start:e.End]), e.Text, "entity %s of %s at [%d,%d)", e.ID, e.Doc, e.Start, e.End)
	}
}

// readJasim returns the test article.
func readJasim(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(jasimPath)
	require.NoError(t, err)
	require.True(t, utf8.Valid(b))
	return b
}

// writeFile writes a file, making its directory.
func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o644))
}

// decodeWHATWG decodes b as UTF-8 the way the WHATWG Encoding Standard
// (and Python's errors="replace") does: one U+FFFD per maximal ill-formed
// subpart. It follows the standard's decoder algorithm step by step.
func decodeWHATWG(b []byte) string {
	var sb strings.Builder
	var cp rune
	needed, seen := 0, 0
	lower, upper := byte(0x80), byte(0xBF)
	for i := 0; i < len(b); {
		c := b[i]
		if needed == 0 {
			switch {
			case c <= 0x7F:
				sb.WriteByte(c)
			case 0xC2 <= c && c <= 0xDF:
				needed, cp = 1, rune(c&0x1F)
			case 0xE0 <= c && c <= 0xEF:
				if c == 0xE0 {
					lower = 0xA0
				}
				if c == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(c&0x0F)
			case 0xF0 <= c && c <= 0xF4:
				if c == 0xF0 {
					lower = 0x90
				}
				if c == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(c&0x07)
			default:
				sb.WriteRune(utf8.RuneError)
			}
			i++
			continue
		}
		if c < lower || c > upper {
			// Error; the byte is processed again as the start of what
			// follows.
			needed, seen, cp = 0, 0, 0
			lower, upper = 0x80, 0xBF
			sb.WriteRune(utf8.RuneError)
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(c&0x3F)
		seen++
		i++
		if seen == needed {
			sb.WriteRune(cp)
			needed, seen, cp = 0, 0, 0
		}
	}
	if needed != 0 {
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String()
}

func TestDecodeWHATWGHelper(t *testing.T) {
	t.Parallel()
	// Expected values as Python's bytes.decode("utf-8", "replace") gives.
	for in, want := range map[string]string{
		"a\xffb":               "a\uFFFDb",
		"\xf0\x9f\x98":         "\uFFFD",             // truncated 4-byte: one
		"\xf0\x9f\x98a":        "\uFFFDa",            // same, then ASCII
		"\xed\xa0\x80":         "\uFFFD\uFFFD\uFFFD", // surrogate: three
		"\xe0\x80\xaf":         "\uFFFD\uFFFD\uFFFD", // overlong: three
		"\xc0\xaf":             "\uFFFD\uFFFD",
		"\xf4\x90\x80\x80":     "\uFFFD\uFFFD\uFFFD\uFFFD",
		"\xe2\x82":             "\uFFFD",
		"\xe2\x82\xac":         "€",
		"\xc3":                 "\uFFFD",
		"جاسم\xd8":             "جاسم\uFFFD",
		"\xd8\xd8\xac":         "\uFFFDج",
		"\xf0\x9f\x98\x80!":    "😀!",
		"\x80\x80":             "\uFFFD\uFFFD",
		"\xf1\x80\x80\xe1\x80": "\uFFFD\uFFFD",
	} {
		assert.Equal(t, want, decodeWHATWG([]byte(in)), "%q", in)
	}
}

// pipeLines reads lines from r in the background so a test can wait for
// the first one with a timeout and then collect the rest.
type pipeLines struct {
	lines chan string
	done  chan error
}

func readLines(r io.Reader) *pipeLines {
	p := &pipeLines{lines: make(chan string, 1024), done: make(chan error, 1)}
	go func() {
		br := bufio.NewReaderSize(r, 1<<20)
		for {
			line, err := br.ReadString('\n')
			if line != "" {
				p.lines <- line
			}
			if err != nil {
				close(p.lines)
				if err == io.EOF {
					err = nil
				}
				p.done <- err
				return
			}
		}
	}()
	return p
}

// next waits for the next line.
func (p *pipeLines) next(t *testing.T, timeout time.Duration) string {
	t.Helper()
	select {
	case line, ok := <-p.lines:
		require.True(t, ok, "output ended before the expected line")
		return line
	case <-time.After(timeout):
		t.Fatalf("no output line within %v", timeout)
	}
	return ""
}

// rest collects every remaining line (until the pipe's end).
func (p *pipeLines) rest(t *testing.T, timeout time.Duration) []string {
	t.Helper()
	var all []string
	deadline := time.After(timeout)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				require.NoError(t, <-p.done)
				return all
			}
			all = append(all, line)
		case <-deadline:
			t.Fatalf("output still open after %v", timeout)
		}
	}
}

// started is a running extract with pipes the test controls.
type started struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser // nil unless asked for
	stdout *os.File       // read end of the stdout pipe
	stderr *bytes.Buffer
	waited chan error
}

// start runs bin with a stdout pipe and, if withStdin, a stdin pipe. The
// process is killed when the test ends.
func start(t *testing.T, bin string, withStdin bool, args ...string) *started {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = childEnv()
	s := &started{cmd: cmd, stderr: &bytes.Buffer{}, waited: make(chan error, 1)}
	cmd.Stderr = &lockedWriter{w: s.stderr}
	if withStdin {
		w, err := cmd.StdinPipe()
		require.NoError(t, err)
		s.stdin = w
	}
	r, w, err := os.Pipe()
	require.NoError(t, err)
	cmd.Stdout = w
	require.NoError(t, cmd.Start())
	w.Close() // the child holds the write end now
	s.stdout = r
	go func() { s.waited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		select {
		case <-s.waited:
		case <-time.After(10 * time.Second):
		}
		r.Close()
	})
	return s
}

// wait waits for the process to end and returns its exit status.
func (s *started) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case err := <-s.waited:
		s.waited <- err // for the cleanup
		return exitCode(t, err)
	case <-time.After(timeout):
		t.Fatalf("extract still running after %v\nstderr: %s", timeout, s.stderrString())
	}
	return -1
}

func (s *started) stderrString() string {
	lw := s.cmd.Stderr.(*lockedWriter)
	lw.mu.Lock()
	defer lw.mu.Unlock()
	return s.stderr.String()
}

// lockedWriter lets the test read stderr while the process writes it.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
