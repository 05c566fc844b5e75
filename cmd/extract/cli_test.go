package main

// Flags and subcommands: JSON Lines input (item 10), per-document JSON
// (item 11), flag handling and exit statuses (item 12), user gazetteers
// (item 13), normalize and tokens (item 14), --name and -o (item 15).

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
	"github.com/khabar-ie/khabar/stemmer/arabic"
)

const jsonlDocs = `{"id":"a1","text":"قتل شخص في مدينة جاسم بدرعا.","date":"2022-07-26"}
{"id": 42, "text": "قالت عنب بلدي إن الاشتباك وقع."}
not json at all

{"id":"nt","title":"no text"}
{"text":"وصلت دورية إلى درعا."}
{"id":"d2","text":"درعا","date":"2021-10-03T10:00:00+03:00"}
{"id":3.5,"text":"لا شيء هنا"}
`

// Item 10: JSON Lines input from a file and from stdin.
func TestJSONLInput(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "docs.jsonl")
	writeFile(t, path, []byte(jsonlDocs))

	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		src   string // how lines without an id are named
	}{
		{"file", []string{"--input", "jsonl", path}, "", path},
		{"stdin", []string{"--input", "jsonl"}, jsonlDocs, "stdin"},
		{"stdin as -", []string{"--input", "jsonl", "-"}, jsonlDocs, "stdin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := extractIn(t, tc.stdin, tc.args...)
			assert.Equal(t, 1, r.code)
			rs := parseRecords(t, r.stdout)
			rs.checkStructure(t)
			bad, noID := tc.src+":3", tc.src+":6"
			assert.Equal(t, []string{"a1", "42", bad, "nt", noID, "d2", "3.5"}, rs.summaryDocs())

			// Bad lines: an error record naming the line, a failed summary,
			// a message on stderr.
			e := rs.errorOf(t, bad)
			assert.Contains(t, e.Error, "line 3")
			assert.Contains(t, e.Error, "not a JSON object")
			assert.Contains(t, r.stderr, "extract: "+bad+": "+e.Error)
			e = rs.errorOf(t, "nt")
			assert.Equal(t, tc.src+` line 5: no "text" field`, e.Error, "a document's own id needs the file named")
			assert.Contains(t, r.stderr, `extract: nt: `+tc.src+` line 5: no "text" field`)
			assert.Equal(t, "failed", rs.summary(t, "nt").Status)
			assert.Contains(t, r.stderr, "2 of 7 documents failed")

			// Good lines: ids as doc (a number as written), dates as the
			// reference date, offsets into the line's text.
			assert.Equal(t, "2022-07-26", rs.summary(t, "a1").RefDate)
			assert.Equal(t, "2021-10-03", rs.summary(t, "d2").RefDate)
			assert.True(t, hasEntity(rs.entitiesOf("a1"), "جاسم", 17, 21))
			assert.True(t, hasEntity(rs.entitiesOf("42"), "عنب بلدي", 5, 13))
			assert.True(t, hasEntity(rs.entitiesOf(noID), "درعا", 15, 19))
			assert.True(t, hasEntity(rs.entitiesOf("d2"), "درعا", 0, 4))
			assert.Equal(t, "ok", rs.summary(t, "3.5").Status)
			for _, e := range rs.entities {
				assert.Contains(t, []string{"a1", "42", noID, "d2"}, e.Doc)
			}
		})
	}
}

// Item 11: --format json writes one indented object per document.
func TestFormatJSON(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), jasim)
	writeFile(t, filepath.Join(dir, "b.txt"), []byte("\x00binary"))
	writeFile(t, filepath.Join(dir, "c.txt"), []byte("لا شيء هنا"))

	lines := extract(t, "--ref-date", "2022-07-26", dir)
	require.Equal(t, 1, lines.code)
	rs := parseRecords(t, lines.stdout)

	r := extract(t, "--ref-date", "2022-07-26", "--format", "json", dir)
	assert.Equal(t, 1, r.code)
	assert.Equal(t, lines.stderr, r.stderr)
	require.True(t, bytes.HasPrefix(r.stdout, []byte("{\n  \"doc\": ")), "indented object: %.40q", r.stdout)

	dec := json.NewDecoder(bytes.NewReader(r.stdout))
	var docs []string
	for dec.More() {
		var raw map[string]json.RawMessage
		require.NoError(t, dec.Decode(&raw))
		for _, k := range []string{"doc", "entities", "events", "summary"} {
			assert.Contains(t, raw, k)
		}
		var res khabar.Result
		var obj bytes.Buffer
		require.NoError(t, json.Compact(&obj, mustMarshal(t, raw)))
		require.NoError(t, json.Unmarshal(obj.Bytes(), &res))
		docs = append(docs, res.Doc)
		require.NotNil(t, res.Summary)
		assert.Equal(t, res.Doc, res.Summary.Doc)
		assert.Equal(t, rs.summary(t, res.Doc), *res.Summary)
		assert.Equal(t, rs.entitiesOf(res.Doc), derefs(res.Entities), res.Doc)
		assert.NotNil(t, res.Events, "events is [] not null")
		if res.Doc == filepath.Join(dir, "b.txt") {
			require.Len(t, res.Errors, 1)
			assert.Contains(t, res.Errors[0].Error, "binary data")
		} else {
			assert.NotContains(t, raw, "errors")
		}
	}
	assert.Equal(t, rs.summaryDocs(), docs)
	// Each object is written indented, one after the other.
	assert.Equal(t, len(docs), bytes.Count(r.stdout, []byte("\n}\n")))
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

func derefs(es []*khabar.Entity) []khabar.Entity {
	var out []khabar.Entity
	for _, e := range es {
		out = append(out, *e)
	}
	return out
}

// Item 12: flags, usage errors and help.
func TestFlags(t *testing.T) {
	t.Parallel()
	t.Run("ref-date", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "--ref-date", "2021-10-03", jasimPath)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, "2021-10-03", parseRecords(t, r.stdout).summary(t, jasimPath).RefDate)
	})
	t.Run("flags after arguments", func(t *testing.T) {
		t.Parallel()
		r := extract(t, jasimPath, "--format", "json", "--ref-date", "2021-10-03")
		require.Equal(t, 0, r.code, r.stderr)
		var res khabar.Result
		require.NoError(t, json.Unmarshal(r.stdout, &res))
		assert.Equal(t, jasimPath, res.Doc)
		assert.Equal(t, "2021-10-03", res.Summary.RefDate)
		assert.True(t, bytes.HasPrefix(r.stdout, []byte("{\n  \"doc\"")))
	})
	t.Run("-- ends the flags", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, "-x.txt"), readJasim(t))
		writeFile(t, filepath.Join(dir, "--format"), []byte("جاسم"))
		bin, err := filepath.Abs(extractBin)
		require.NoError(t, err)
		r := extractWith(t, runOpts{bin: bin, dir: dir}, "--workers", "2", "--", "-x.txt", "--format")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, []string{"-x.txt", "--format"}, parseRecords(t, r.stdout).summaryDocs())
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  []string // in stderr
	}{
		{"bad ref-date", []string{"--ref-date", "2022-13-01"}, []string{"--ref-date", `"2022-13-01"`, "YYYY-MM-DD"}},
		{"ref-date not a date", []string{"--ref-date", "yesterday"}, []string{"--ref-date", "yesterday"}},
		{"bad format", []string{"--format", "xml"}, []string{"--format", `"xml"`}},
		{"zero workers", []string{"--workers", "0"}, []string{"--workers must be at least 1"}},
		{"workers not a number", []string{"--workers", "many"}, []string{"-workers", "many"}},
		{"unknown flag", []string{"--bogus"}, []string{"flag provided but not defined: -bogus", "Usage: extract"}},
		{"bad input kind", []string{"--input", "csv"}, []string{"--input", `"csv"`}},
		{"unknown encoding", []string{"--encoding", "klingon"}, []string{"--encoding", "klingon"}},
		{"bad progress", []string{"--progress", "sometimes"}, []string{"--progress"}},
		{"no-default-gazetteer alone", []string{"--no-default-gazetteer"}, []string{"--no-default-gazetteer needs at least one --gazetteer"}},
		{"output in missing dir", []string{"-o", "/nonexistent/dir/out.jsonl"}, []string{"/nonexistent/dir/out.jsonl"}},
		{"bad glob", []string{"--glob", "["}, []string{"glob", `"["`}},
		{"tokens: bad format", []string{"tokens", "--format", "xml"}, []string{"--format must be tsv or jsonl"}},
		{"tokens: two files", []string{"tokens", jasimPath, jasimPath}, []string{"one document at a time"}},
		{"normalize: unknown flag", []string{"normalize", "--bogus"}, []string{"flag provided but not defined: -bogus"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := tc.args
			if args[0] != "tokens" && args[0] != "normalize" {
				args = append(args, jasimPath)
			}
			r := extract(t, args...)
			assert.Equal(t, 2, r.code, "stderr: %s", r.stderr)
			assert.Empty(t, r.stdout, "no records on a usage error")
			for _, m := range tc.msg {
				assert.Contains(t, r.stderr, m)
			}
		})
	}

	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {jasimPath, "-h"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			r := extract(t, args...)
			assert.Equal(t, 0, r.code)
			usage := string(r.stdout) + r.stderr
			assert.Contains(t, usage, "Usage: extract [flags] [FILE|DIR|-]...")
			assert.Contains(t, usage, "Exit status: 0 all documents processed")
			assert.Contains(t, usage, "-workers")
			assert.NotContains(t, string(r.stdout), `"record"`, "help runs nothing")
		})
	}
	for _, sub := range []string{"normalize", "tokens"} {
		t.Run(sub+" -h", func(t *testing.T) {
			t.Parallel()
			r := extract(t, sub, "-h")
			assert.Equal(t, 0, r.code)
			assert.Contains(t, string(r.stdout)+r.stderr, "Usage: extract "+sub)
		})
	}
}

const gazHeader = "id\ttype\tsubtype\tname\tname_en\taliases\tparent\tlat\tlon\tids\trank\n"

// Item 13: user gazetteers.
func TestGazetteer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gaz := filepath.Join(dir, "user.tsv")
	writeFile(t, gaz, []byte(gazHeader+
		"# a comment\n"+
		"X-TEST\tPLACE\tvillage\tقرية الاختبار\tTest Village\tالاختبارية|تيستو\tSY12\t32.5\t36.1\twikidata=Q1\t5\n"+
		"X-ORG\tORG\tmedia\tإذاعة التجربة\tTrial Radio\t\t\t\t\t\t\n"))
	doc := filepath.Join(dir, "doc.txt")
	text := "تقع قرية الاختبار قرب جاسم، وبثت إذاعة التجربة من تيستو.\n"
	writeFile(t, doc, []byte(text))

	t.Run("adds entries", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "--gazetteer", gaz, doc)
		require.Equal(t, 0, r.code, r.stderr)
		rs := parseRecords(t, r.stdout)
		es := rs.entitiesOf(doc)
		checkSpans(t, text, es)
		byText := map[string]khabar.Entity{}
		for _, e := range es {
			byText[e.Text] = e
		}
		v, ok := byText["قرية الاختبار"]
		require.True(t, ok, "user entry found: %v", es)
		assert.Equal(t, "PLACE", v.Type)
		assert.Equal(t, "village", v.Subtype)
		assert.Equal(t, "gazetteer:X-TEST", v.Source)
		assert.Equal(t, "Test Village", v.NameEn)
		assert.Equal(t, map[string]string{"gazetteer": "X-TEST", "wikidata": "Q1"}, v.IDs)
		assert.Equal(t, &khabar.Geo{Lat: 32.5, Lon: 36.1}, v.Geo)
		assert.Equal(t, 4, v.Start)
		assert.Equal(t, "قرية الاختبار", byText["تيستو"].Canonical, "alias")
		assert.Equal(t, "gazetteer:X-ORG", byText["إذاعة التجربة"].Source)
		assert.Contains(t, byText, "جاسم", "embedded gazetteer still used")
	})
	// Alone, the user file must define the parents it names.
	own := filepath.Join(dir, "own.tsv")
	writeFile(t, own, []byte(gazHeader+
		"X-GOV\tPLACE\tgovernorate\tمحافظة التجربة\tTrial Governorate\t\t\t\t\t\t\n"+
		"X-TEST\tPLACE\tvillage\tقرية الاختبار\tTest Village\tالاختبارية|تيستو\tX-GOV\t32.5\t36.1\twikidata=Q1\t5\n"+
		"X-ORG\tORG\tmedia\tإذاعة التجربة\tTrial Radio\t\t\t\t\t\t\n"))
	t.Run("replaces the default", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "--gazetteer", own, "--no-default-gazetteer", doc)
		require.Equal(t, 0, r.code, r.stderr)
		for _, e := range parseRecords(t, r.stdout).entitiesOf(doc) {
			assert.Contains(t, []string{"gazetteer:X-TEST", "gazetteer:X-ORG"}, e.Source)
		}
	})
	t.Run("parent must be defined", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "--gazetteer", gaz, "--no-default-gazetteer", doc)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "user.tsv:3: parent SY12 of X-TEST is not defined")
	})
	t.Run("repeatable", func(t *testing.T) {
		t.Parallel()
		more := filepath.Join(t.TempDir(), "more.tsv")
		writeFile(t, more, []byte("id\ttype\tname\nX-2\tPLACE\tوادي التجربة\n"))
		d := filepath.Join(t.TempDir(), "d.txt")
		writeFile(t, d, []byte("من وادي التجربة إلى قرية الاختبار"))
		r := extract(t, "--gazetteer", own, "--gazetteer", more, "--no-default-gazetteer", d)
		require.Equal(t, 0, r.code, r.stderr)
		var sources []string
		for _, e := range parseRecords(t, r.stdout).entitiesOf(d) {
			sources = append(sources, e.Source)
		}
		assert.Equal(t, []string{"gazetteer:X-2", "gazetteer:X-TEST"}, sources)
	})

	for _, tc := range []struct {
		name, content string
		want          []string
	}{
		{"bad type", gazHeader + "A\tPLACE\t\tفلان\t\t\t\t\t\t\t\nB\tTOWN\t\tعلان\t\t\t\t\t\t\t\n", []string{"bad.tsv:3:", "TOWN"}},
		{"unknown column", "id\ttype\tnmae\n", []string{"bad.tsv:1:", `"nmae"`}},
		{"empty id", gazHeader + "\tPLACE\t\tفلان\t\t\t\t\t\t\t\n", []string{"bad.tsv:2:", "empty id"}},
		{"too many fields", "id\ttype\tname\nA\tPLACE\tفلان\textra\n", []string{"bad.tsv:2:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bad := filepath.Join(t.TempDir(), "bad.tsv")
			writeFile(t, bad, []byte(tc.content))
			r := extract(t, "--gazetteer", bad, doc)
			assert.Equal(t, 2, r.code, r.stderr)
			assert.Empty(t, r.stdout)
			for _, w := range tc.want {
				assert.Contains(t, r.stderr, w)
			}
			assert.Contains(t, r.stderr, bad+":", "message names file:line")
		})
	}
	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		missing := filepath.Join(t.TempDir(), "missing.tsv")
		r := extract(t, "--gazetteer", missing, doc)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, missing)
		assert.Contains(t, r.stderr, "no such file or directory")
	})
}

// Item 14: the normalize and tokens subcommands.
func TestNormalize(t *testing.T) {
	t.Parallel()
	const in = "أَهْلًا ﻻ ٢٠٢١"
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"default", nil, "اهلا لا 2021"},
		{"display", []string{"--display"}, "أَهْلًا لا ٢٠٢١"},
		{"keep digits", []string{"--keep-digits"}, "اهلا لا ٢٠٢١"},
		{"display plus keep presentation forms", []string{"--display", "--keep-presentation-forms"}, in},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := extractIn(t, in, append([]string{"normalize"}, tc.args...)...)
			require.Equal(t, 0, r.code, r.stderr)
			assert.Equal(t, tc.want, string(r.stdout))
			assert.Empty(t, r.stderr)
		})
	}
	t.Run("files", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
		writeFile(t, a, []byte("مدينةُ جاسم\n"))
		writeFile(t, b, []byte("إلى درعا\n"))
		missing := filepath.Join(dir, "missing.txt")
		r := extract(t, "normalize", a, missing, b)
		assert.Equal(t, 1, r.code)
		assert.Equal(t, "مدينه جاسم\nالي درعا\n", string(r.stdout))
		assert.Contains(t, r.stderr, missing)
		assert.Contains(t, r.stderr, "no such file or directory")
	})
}

func TestTokens(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	runes := []rune(string(jasim))
	r := extract(t, "tokens", jasimPath)
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(string(r.stdout), "\n"), "\n")
	require.Equal(t, "sentence\tstart\tend\tkind\ttext\tnorm\tstem\tentity\treadings", lines[0])

	// As many tokens as the summary counts.
	sum := parseRecords(t, extract(t, jasimPath).stdout).summary(t, jasimPath)
	require.Len(t, lines[1:], sum.Tokens)

	withReadings, prev, entities := 0, -1, map[string]bool{}
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		require.Len(t, f, 9, "line %d: %q", i+2, line)
		start, err := strconv.Atoi(f[1])
		require.NoError(t, err)
		end, err := strconv.Atoi(f[2])
		require.NoError(t, err)
		require.True(t, prev <= start && start < end && end <= len(runes), "line %d: [%d,%d)", i+2, start, end)
		prev = end
		assert.Equal(t, string(runes[start:end]), f[4], "line %d: text is the original slice", i+2)
		assert.Contains(t, []string{"word", "latin", "number", "punct"}, f[3])
		if f[3] == "word" {
			assert.Equal(t, arabic.Stem(f[4], true), f[6], "line %d: the stem is the Snowball stem of the text", i+2)
			readings := strings.Fields(f[8])
			require.NotEmpty(t, readings, "line %d: a word has readings", i+2)
			assert.Equal(t, f[5], readings[0], "line %d: whole word first", i+2)
			withReadings++
		}
		if f[7] != "" {
			entities[f[7]] = true
		}
		if start == 29 {
			assert.Equal(t, []string{"جاسم", "جاسم", "جاسم", "e1"}, f[4:8])
		}
		if f[4] == "الاشتباكات" {
			assert.Equal(t, "اشتباك", f[6], "inflected forms meet on a stem")
		}
	}
	assert.Greater(t, withReadings, 300)
	assert.Len(t, entities, sum.Counts["PLACE"]+sum.Counts["ORG"]+sum.Counts["DATE"]+sum.Counts["QUANTITY"])

	t.Run("jsonl from stdin", func(t *testing.T) {
		t.Parallel()
		r := extractWith(t, runOpts{stdin: bytes.NewReader(jasim)}, "tokens", "--format", "jsonl")
		require.Equal(t, 0, r.code, r.stderr)
		dec := json.NewDecoder(bytes.NewReader(r.stdout))
		n := 0
		for {
			var tok khabar.Token
			if err := dec.Decode(&tok); err == io.EOF {
				break
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, string(runes[tok.Start:tok.End]), tok.Text)
			n++
		}
		assert.Equal(t, sum.Tokens, n)
	})
	t.Run("missing file", func(t *testing.T) {
		t.Parallel()
		missing := filepath.Join(t.TempDir(), "missing.txt")
		r := extract(t, "tokens", missing)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, missing)
	})
	t.Run("binary", func(t *testing.T) {
		t.Parallel()
		r := extractIn(t, "a\x00b", "tokens")
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "binary data")
	})
}

// Item 15: --name names stdin; -o writes to a file.
func TestNameAndOutputFile(t *testing.T) {
	t.Parallel()
	jasim := readJasim(t)
	t.Run("name", func(t *testing.T) {
		t.Parallel()
		r := extractWith(t, runOpts{stdin: bytes.NewReader(jasim)}, "--name", "jasim-article")
		require.Equal(t, 0, r.code, r.stderr)
		rs := parseRecords(t, r.stdout)
		for _, doc := range rs.docs {
			assert.Equal(t, "jasim-article", doc)
		}
		assert.True(t, hasEntity(rs.entitiesOf("jasim-article"), "جاسم", 29, 33))
	})
	t.Run("name only for stdin", func(t *testing.T) {
		t.Parallel()
		r := extractWith(t, runOpts{stdin: strings.NewReader("جاسم")}, "--name", "in", "-", jasimPath)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, []string{"in", jasimPath}, parseRecords(t, r.stdout).summaryDocs())
	})
	t.Run("default name", func(t *testing.T) {
		t.Parallel()
		r := extractIn(t, "جاسم")
		assert.Equal(t, []string{"-"}, parseRecords(t, r.stdout).summaryDocs())
	})
	t.Run("output file", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "records.jsonl")
		writeFile(t, out, bytes.Repeat([]byte("old content\n"), 1000)) // replaced
		r := extract(t, "--ref-date", "2022-07-26", "-o", out, jasimPath)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Empty(t, r.stdout)
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		want := extract(t, "--ref-date", "2022-07-26", jasimPath).stdout
		assert.Equal(t, string(want), string(got))
		rs := parseRecords(t, got)
		assert.True(t, hasEntity(rs.entitiesOf(jasimPath), "عنب بلدي", 2060, 2068))
	})
	t.Run("output file with failures", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "records.json")
		missing := filepath.Join(t.TempDir(), "missing.txt")
		r := extract(t, "-o", out, "--format", "json", missing, jasimPath)
		assert.Equal(t, 1, r.code)
		assert.Empty(t, r.stdout)
		assert.Contains(t, r.stderr, missing+": no such file or directory")
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, 2, bytes.Count(got, []byte("\n}\n")))
		assert.True(t, utf8.Valid(got))
	})
}

// Item 10, continued: messages about bad JSON Lines name the file, and a
// byte order mark (as Windows tools write) does not spoil the first line.
func TestJSONLInputFileNames(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	t.Run("error with an id names the file", func(t *testing.T) {
		t.Parallel()
		a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
		writeFile(t, a, []byte(`{"id":"x","text":"درعا"}`+"\n"))
		writeFile(t, b, []byte(`{"id":"x","title":"no text"}`+"\n"))
		r := extract(t, "--input", "jsonl", a, b)
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, b+" line 1")
	})
	t.Run("byte order mark", func(t *testing.T) {
		t.Parallel()
		p := filepath.Join(dir, "bom.jsonl")
		writeFile(t, p, []byte("\ufeff"+`{"id":"x","text":"درعا"}`+"\n"))
		r := extract(t, "--input", "jsonl", p)
		assert.Equal(t, 0, r.code, r.stderr)
		rs := parseRecords(t, r.stdout)
		assert.True(t, hasEntity(rs.entitiesOf("x"), "درعا", 0, 4))
	})
}

// Item 15, continued: a run that stops on a usage or start-up error must
// not have destroyed the -o file.
func TestOutputFileKeptOnUsageError(t *testing.T) {
	t.Parallel()
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	writeFile(t, bad, []byte("id\ttype\tnmae\n"))
	for _, args := range [][]string{{"--format", "xml"}, {"--gazetteer", bad}} {
		out := filepath.Join(t.TempDir(), "results.jsonl")
		writeFile(t, out, []byte("previous results\n"))
		r := extract(t, append(append([]string{"-o", out}, args...), jasimPath)...)
		assert.Equal(t, 2, r.code)
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, "previous results\n", string(got), "after %v", args)
	}
}
