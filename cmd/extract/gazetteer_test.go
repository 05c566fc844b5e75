package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/khabar-ie/khabar"
)

func TestGazetteerCommand(t *testing.T) {
	t.Parallel()
	t.Run("counts", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "gazetteer", "--format", "jsonl")
		require.Equal(t, 0, r.code, r.stderr)
		var got struct {
			Entries int                       `json:"entries"`
			Counts  map[string]map[string]int `json:"counts"`
		}
		require.NoError(t, json.Unmarshal(r.stdout, &got))
		// The embedded gazetteer: every Syrian admin unit, the communities,
		// the world's countries.
		assert.Equal(t, 14, got.Counts["PLACE"]["governorate"])
		assert.Equal(t, 62, got.Counts["PLACE"]["district"])
		assert.Equal(t, 272, got.Counts["PLACE"]["subdistrict"])
		assert.GreaterOrEqual(t, got.Counts["PLACE"]["country"], 190)
		assert.Greater(t, got.Counts["PLACE"]["village"], 5000)
		assert.Greater(t, got.Entries, 9000)
	})
	t.Run("text counts", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "gazetteer")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, string(r.stdout), "governorate")
		assert.Contains(t, string(r.stdout), "entries, loaded in")
	})
	t.Run("lookup", func(t *testing.T) {
		t.Parallel()
		r := extract(t, "gazetteer", "--format", "jsonl", "درعا", "بلا اسم")
		assert.Equal(t, 1, r.code, "a name with no entry")
		lines := strings.Split(strings.TrimSpace(string(r.stdout)), "\n")
		require.Len(t, lines, 2)
		var got struct {
			Name    string                  `json:"name"`
			Entries []khabar.GazetteerEntry `json:"entries"`
		}
		require.NoError(t, json.Unmarshal([]byte(lines[0]), &got))
		assert.Equal(t, "درعا", got.Name)
		var ids []string
		for _, e := range got.Entries {
			ids = append(ids, e.ID)
		}
		assert.Subset(t, ids, []string{"SY12", "C5993", "SY1200"})
		assert.Equal(t, "SY12", ids[0], "most prominent first")
		assert.Equal(t, "free", got.Entries[0].Evidence)
		assert.Equal(t, "SY", got.Entries[0].Admin[0].ID)
		require.NoError(t, json.Unmarshal([]byte(lines[1]), &got))
		assert.Empty(t, got.Entries)
	})
	t.Run("checks a user file", func(t *testing.T) {
		t.Parallel()
		bad := filepath.Join(t.TempDir(), "bad.tsv")
		require.NoError(t, os.WriteFile(bad, []byte("id\ttype\tname\tmatch\nX\tPLACE\tقرية\tsometimes\n"), 0o644))
		r := extract(t, "gazetteer", "--gazetteer", bad)
		assert.Equal(t, 2, r.code)
		assert.Contains(t, r.stderr, "bad.tsv:2: entry X: match flag")
	})
}

func TestSampleCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	texts := []string{
		"قتل مدني في مدينة جاسم بدرعا، بحسب عنب بلدي.\n",
		"قصفت قوات النظام مدينة دوما في ريف دمشق.\n",
		"اجتمع مجلس الأمن في نيويورك لبحث الوضع في سوريا.\n",
	}
	for i, text := range texts {
		require.NoError(t, os.WriteFile(filepath.Join(dir, string(rune('a'+i))+".txt"), []byte(text), 0o644))
	}
	run := func(args ...string) result {
		return extract(t, append([]string{"sample"}, args...)...)
	}
	t.Run("jsonl with context", func(t *testing.T) {
		t.Parallel()
		r := run("--type", "place", "-n", "3", "--seed", "5", "--format", "jsonl", dir)
		require.Equal(t, 0, r.code, r.stderr)
		lines := strings.Split(strings.TrimSpace(string(r.stdout)), "\n")
		require.Len(t, lines, 3)
		for _, l := range lines {
			var s struct {
				Doc     string        `json:"doc"`
				Context string        `json:"context"`
				Entity  khabar.Entity `json:"entity"`
			}
			require.NoError(t, json.Unmarshal([]byte(l), &s))
			assert.Equal(t, "PLACE", s.Entity.Type)
			assert.Contains(t, s.Context, "⟦"+s.Entity.Text+"⟧")
			assert.True(t, strings.HasPrefix(s.Doc, dir))
		}
		again := run("--type", "place", "-n", "3", "--seed", "5", "--format", "jsonl", dir)
		assert.Equal(t, string(r.stdout), string(again.stdout), "same seed, same sample")
	})
	t.Run("text", func(t *testing.T) {
		t.Parallel()
		r := run("--type", "ORG", dir)
		require.Equal(t, 0, r.code, r.stderr)
		out := string(r.stdout)
		assert.Contains(t, out, "# 3 of 3 org entities from 3 documents (seed 1)")
		assert.Contains(t, out, "⟦عنب بلدي⟧")
	})
	t.Run("events", func(t *testing.T) {
		t.Parallel()
		r := run("--type", "event", "--format", "jsonl", dir)
		require.Equal(t, 0, r.code, r.stderr)
		lines := strings.Split(strings.TrimSpace(string(r.stdout)), "\n")
		require.Len(t, lines, 1, "the shelling of Douma; a killing without a figure is no event")
		var s struct {
			Context string       `json:"context"`
			Event   khabar.Event `json:"event"`
		}
		require.NoError(t, json.Unmarshal([]byte(lines[0]), &s))
		assert.Equal(t, "shelling_artillery_missile_attack", s.Event.SubType)
		assert.Contains(t, s.Context, "⟦"+s.Event.Trigger.Text+"⟧")
		text := run("--type", "EVENT", dir)
		assert.Contains(t, string(text.stdout), "# 1 of 1 events from 3 documents (seed 1)")
		assert.Contains(t, string(text.stdout), "EVENT explosion_remote_violence/shelling_artillery_missile_attack  at دوما")
	})
	t.Run("usage errors", func(t *testing.T) {
		t.Parallel()
		for _, args := range [][]string{{"--type", "PERSON", dir}, {"-n", "0", dir}, {}} {
			r := run(args...)
			assert.Equal(t, 2, r.code, "%v", args)
			assert.Contains(t, r.stderr, "extract sample:")
		}
	})
	t.Run("unreadable input is reported, others sampled", func(t *testing.T) {
		t.Parallel()
		r := run("--type", "place", filepath.Join(dir, "a.txt"), filepath.Join(dir, "missing.txt"))
		assert.Equal(t, 1, r.code)
		assert.Contains(t, r.stderr, "missing.txt")
		assert.Contains(t, string(r.stdout), "⟦جاسم⟧")
	})
}

// TestContextFlag: --context 0 decides sentence by sentence, so a bare name
// before the sentence that establishes it is not reported; the default
// window sees the whole article.
func TestContextFlag(t *testing.T) {
	t.Parallel()
	text := "وقال وجهاء جاسم إن المفاوضات مستمرة.\nوكانت دورية اقتحمت مدينة جاسم.\n"
	count := func(args ...string) int {
		r := extractIn(t, text, args...)
		require.Equal(t, 0, r.code, r.stderr)
		n := 0
		for _, e := range parseRecords(t, r.stdout).entities {
			if e.Text == "جاسم" {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 2, count())
	assert.Equal(t, 1, count("--context", "0"))
	r := extractIn(t, text, "--context", "-1")
	assert.Equal(t, 2, r.code)
}
