package ner

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/datafile"
	"github.com/khabar-ie/khabar/internal/normalize"
)

//go:embed cues.tsv
var cueData []byte

// CueKind says what a cue word tells about the name after it.
type CueKind uint8

// Cue kinds, as in cues.tsv.
const (
	CueHead      CueKind = iota + 1 // a noun naming the kind of place (مدينة)
	CueOrgHead                      // a noun opening an organization's name (تنظيم)
	CuePrep                         // a preposition or adverb of place (في، قرب)
	CueDirection                    // a compass word (شمالي)
	CueGenitive                     // a noun usually followed by a place (أهالي)
)

var cueKinds = map[string]CueKind{
	"head": CueHead, "orghead": CueOrgHead, "prep": CuePrep, "direction": CueDirection, "genitive": CueGenitive,
}

// Cue is a word that, just before a name, tells what the name is.
type Cue struct {
	Word string // as written in cues.tsv
	Kind CueKind
	// Subtypes are the PLACE subtypes a head noun fits; nil means any.
	Subtypes []string
	// Container marks heads whose name contains the place talked about
	// (ريف درعا).
	Container bool
	// Article is set when the word is written with the article (العاصمة).
	// A head noun written without it counts only without it in text: in
	// "مدينة جاسم" the head governs a name, in "المدينة القديمة" an
	// adjective follows.
	Article bool
}

// Fits reports whether a head noun fits an entry's type and subtype.
func (c *Cue) Fits(typ, subtype string) bool {
	switch c.Kind {
	case CueHead:
		if typ != "PLACE" {
			return false
		}
		if c.Subtypes == nil || subtype == "" {
			return true // any place; an entry of unknown subtype
		}
		for _, s := range c.Subtypes {
			if s == subtype {
				return true
			}
		}
		return false
	case CueOrgHead:
		return typ == "ORG"
	}
	return false
}

// cueTable maps the look-up key of a cue word (normalized, without
// proclitics or article) to its cue.
type cueTable map[string]*Cue

// loadCues reads cues.tsv, normalizing words like text. Errors name the
// line.
func loadCues(data []byte, norm *normalize.Normalizer, an *clitic.Analyzer) (cueTable, error) {
	t := cueTable{}
	err := datafile.Each(data, "cues.tsv", func(f []string) error {
		kind, ok := cueKinds[f[0]]
		if !ok || len(f) < 2 || strings.TrimSpace(f[1]) == "" {
			return errors.New("want kind (head, orghead, prep, direction, genitive) and word")
		}
		c := &Cue{Word: f[1], Kind: kind}
		if len(f) > 2 && kind == CueHead && f[2] != "*" {
			c.Subtypes = strings.Split(f[2], "|")
		}
		if len(f) > 3 {
			if f[3] != "container" {
				return fmt.Errorf("fourth column %q is not \"container\"", f[3])
			}
			c.Container = true
		}
		word := norm.AppendString(nil, c.Word)
		key, article := an.SplitArticle(word)
		c.Article = article
		if prev, dup := t[string(key)]; dup {
			return fmt.Errorf("%s is already a cue (%s)", c.Word, prev.Word)
		}
		t[string(key)] = c
		return nil
	})
	return t, err
}
