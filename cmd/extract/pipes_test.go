package main

// Streams, pipes and signals: a huge unpunctuated stdin (item 5), a
// closed output pipe (item 7), Ctrl-C (item 8), and output independent of
// the number of workers (item 9).

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/charmap"
)

// Item 5: 30 MiB on stdin with no line break and no punctuation streams
// through in bounded sentences: records arrive while stdin is still open,
// every entity has its exact offset, sentences are cut and counted.
func TestHugeStdinWithoutBreaks(t *testing.T) {
	t.Parallel()
	// One درعا every 50 words keeps the output small (70 thousand
	// entities) while the input is 30 MiB of one unbroken "sentence".
	unit := "درعا " + strings.Repeat("كلمة ", 49)
	unitRunes := utf8.RuneCountInString(unit)
	require.Equal(t, 250, unitRunes)
	reps := (30 << 20) / len(unit)
	data := bytes.Repeat([]byte(unit), reps)
	require.False(t, bytes.ContainsAny(data, "\n.!?؟؛"))

	s := start(t, extractBin, true, "--ref-date", "2022-07-26")
	out := readLines(s.stdout)
	// The first MiB is written, then stdin stays open until the first
	// record has been read.
	const head = 1 << 20
	release := make(chan struct{})
	var releaseOnce sync.Once
	releaseRest := func() { releaseOnce.Do(func() { close(release) }) }
	defer releaseRest()
	written := make(chan error, 1)
	go func() {
		_, err := s.stdin.Write(data[:head])
		if err == nil {
			<-release
			_, err = s.stdin.Write(data[head:])
		}
		if cerr := s.stdin.Close(); err == nil {
			err = cerr
		}
		written <- err
	}()

	// Streaming: a record arrives while stdin is still open and only a
	// thirtieth of the input has been written.
	first := out.next(t, 20*time.Second)
	var e1 struct {
		Record, ID, Text string
		Start, End       int
	}
	require.NoError(t, json.Unmarshal([]byte(first), &e1), first)
	assert.Equal(t, "entity", e1.Record)
	assert.Equal(t, "e1", e1.ID)
	assert.Equal(t, "درعا", e1.Text)
	assert.Equal(t, 0, e1.Start)
	assert.Equal(t, 4, e1.End)
	releaseRest()

	lines := out.rest(t, 90*time.Second)
	require.NoError(t, <-written)
	require.Equal(t, 0, s.wait(t, 30*time.Second))
	assert.Empty(t, s.stderrString())

	require.Len(t, lines, reps, "one entity per unit, then the summary")
	for i, line := range lines[:len(lines)-1] {
		var e struct {
			Record, ID, Text string
			Start, End       int
		}
		require.NoError(t, json.Unmarshal([]byte(line), &e), line)
		k := i + 1 // lines[0] is e2
		want := k * unitRunes
		if e.Record != "entity" || e.ID != fmt.Sprintf("e%d", k+1) || e.Text != "درعا" || e.Start != want || e.End != want+4 {
			t.Fatalf("record %d: want entity e%d درعا [%d,%d), got %s", k+1, k+1, want, want+4, line)
		}
	}
	var sum struct {
		Record       string         `json:"record"`
		Doc          string         `json:"doc"`
		Status       string         `json:"status"`
		Characters   int            `json:"characters"`
		Bytes        int64          `json:"bytes"`
		Sentences    int            `json:"sentences"`
		Counts       map[string]int `json:"counts"`
		InvalidUTF8  int            `json:"invalid_utf8"`
		CutSentences int            `json:"cut_sentences"`
		RefDate      string         `json:"ref_date"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &sum))
	assert.Equal(t, "summary", sum.Record)
	assert.Equal(t, "-", sum.Doc)
	assert.Equal(t, "ok", sum.Status)
	assert.Equal(t, reps*unitRunes, sum.Characters)
	assert.Equal(t, int64(len(data)), sum.Bytes)
	assert.Equal(t, reps, sum.Counts["PLACE"])
	assert.Equal(t, 0, sum.InvalidUTF8)
	assert.Greater(t, sum.CutSentences, 100)
	assert.LessOrEqual(t, sum.CutSentences, sum.Sentences)
	assert.Equal(t, "2022-07-26", sum.RefDate)
}

// copies writes n copies of text into dir as doc001.txt…
func copies(t *testing.T, dir string, n int, text []byte) {
	t.Helper()
	for i := 1; i <= n; i++ {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("doc%03d.txt", i)), text)
	}
}

// Item 7: extract DIR | head -1 ends at once, quietly, with status 0.
func TestClosedOutputPipe(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	dir := filepath.Join(t.TempDir(), "many")
	copies(t, dir, 300, jasim)
	big := filepath.Join(t.TempDir(), "big.txt")
	writeFile(t, big, bytes.Repeat([]byte("درعا كلمة "), 500_000))

	for _, tc := range []struct {
		name    string
		args    []string
		firstOf string
		repeat  int
	}{
		{"directory, default workers", []string{dir}, filepath.Join(dir, "doc001.txt"), 5},
		{"directory, 1 worker", []string{"--workers", "1", dir}, filepath.Join(dir, "doc001.txt"), 5},
		{"directory, 4 workers", []string{"--workers", "4", dir}, filepath.Join(dir, "doc001.txt"), 5},
		{"directory, json", []string{"--format", "json", dir}, "", 3},
		{"one large document", []string{big}, big, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The hang this guards against was timing-dependent: repeat.
			for range tc.repeat {
				s := start(t, concBin, false, tc.args...)
				line, err := bufio.NewReader(s.stdout).ReadString('\n')
				require.NoError(t, err)
				if tc.firstOf != "" {
					var rec struct{ Record, Doc string }
					require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
					assert.Equal(t, tc.firstOf, rec.Doc)
				}
				closed := time.Now()
				require.NoError(t, s.stdout.Close())
				assert.Equal(t, 0, s.wait(t, 15*time.Second))
				assert.Less(t, time.Since(closed), 10*time.Second)
				assert.Empty(t, s.stderrString())
			}
		})
	}
}

// feedForever writes text to the process's stdin until the write fails
// (the process ended), never closing it.
func feedForever(s *started, text []byte) {
	go func() {
		for {
			if _, err := s.stdin.Write(text); err != nil {
				return
			}
		}
	}()
}

// Item 8: Ctrl-C stops the run with status 130, says so on stderr, and
// leaves only complete JSON lines on stdout.
func TestInterrupt(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	dense := bytes.Repeat([]byte("درعا كلمة "), 2_000_000) // 36 MB, seconds of work
	tmp := t.TempDir()
	bigFile := filepath.Join(tmp, "big.txt")
	writeFile(t, bigFile, dense)
	dir := filepath.Join(tmp, "many")
	copies(t, dir, 400, bytes.Repeat(append(jasim, '\n'), 10))

	for _, tc := range []struct {
		name  string
		args  []string
		stdin func(*started)
	}{
		{
			name: "stdin pipe kept open and idle",
			args: []string{"--context", "0"}, // records before the window fills
			stdin: func(s *started) {
				_, _ = s.stdin.Write(jasim) // a few sentences, then nothing
			},
		},
		{
			name:  "stdin pipe kept open and streaming",
			stdin: func(s *started) { feedForever(s, dense[:1<<16]) },
		},
		{name: "one large file", args: []string{bigFile}},
		{name: "directory, 1 worker", args: []string{"--workers", "1", dir}},
		{name: "directory, 4 workers", args: []string{"--workers", "4", dir}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := start(t, concBin, tc.stdin != nil, tc.args...)
			if tc.stdin != nil {
				tc.stdin(s)
			}
			out := readLines(s.stdout)
			first := out.next(t, 20*time.Second)
			require.NoError(t, s.cmd.Process.Signal(os.Interrupt))
			lines := append([]string{first}, out.rest(t, 20*time.Second)...)
			assert.Equal(t, 130, s.wait(t, 10*time.Second))
			assert.Contains(t, s.stderrString(), "extract: interrupted")
			rs := parseRecords(t, []byte(strings.Join(lines, "")))
			assert.NotEmpty(t, rs.lines)
		})
	}
}

// Item 9: the output does not depend on the number of workers.
func TestWorkersSameOutput(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	dir := filepath.Join(t.TempDir(), "corpus")
	for _, n := range []int{1, 2, 3, 7, 25} {
		writeFile(t, filepath.Join(dir, fmt.Sprintf("copies%02d.txt", n)), bytes.Repeat(append(jasim, '\n'), n))
	}
	for _, n := range []int{1, 40, 333, 1000, 2100, 3765} {
		// Prefixes cut anywhere, often inside a letter.
		writeFile(t, filepath.Join(dir, "prefix", fmt.Sprintf("p%04d.txt", n)), jasim[:n])
	}
	writeFile(t, filepath.Join(dir, "empty.txt"), nil)
	writeFile(t, filepath.Join(dir, "binary.txt"), []byte("\x00\x01\x02"))
	win, err := charmap.Windows1256.NewEncoder().Bytes(jasim)
	require.NoError(t, err)
	writeFile(t, filepath.Join(dir, "legacy.txt"), win)
	writeFile(t, filepath.Join(dir, "invalid.txt"), bytes.ReplaceAll(jasim, []byte("عنب"), []byte("\xff\xfeعنب")))
	writeFile(t, filepath.Join(dir, "a", "b", "c", "deep.txt"), jasim)
	writeFile(t, filepath.Join(dir, "unbroken.txt"), bytes.Repeat([]byte("جاسم كلمة "), 8_000)) // 144 KB, cut

	for _, format := range []string{"jsonl", "json"} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			var ref result
			for i, workers := range []string{"1", "4", "3", "4"} {
				r := extractWith(t, runOpts{bin: concBin}, "--ref-date", "2022-07-26", "--format", format, "--workers", workers, dir)
				assert.Equal(t, 1, r.code, "binary and legacy files fail")
				if i == 0 {
					ref = r
					assert.Contains(t, r.stderr, "2 of 17 documents failed")
					continue
				}
				assert.True(t, bytes.Equal(ref.stdout, r.stdout), "--workers %s output differs from --workers 1", workers)
				assert.Equal(t, ref.stderr, r.stderr, "--workers %s", workers)
			}
		})
	}
}
