package rules

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/khabar-ie/khabar/internal/datafile"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
)

var (
	//go:embed calendar.tsv
	calendarData []byte
	//go:embed date-words.tsv
	dateWordData []byte
	//go:embed numbers.tsv
	numberData []byte
	//go:embed counted-nouns.tsv
	countedData []byte
	//go:embed org-heads.tsv
	orgHeadData []byte
	//go:embed place-words.tsv
	placeWordData []byte
)

// kind is what a vocabulary word is to the rules.
type kind uint8

const (
	kMonth       kind = iota + 1 // a month name; key gregorian|hijri, value 1–12
	kWeekday                     // value = ISO weekday
	kRelative                    // key day|week|month|year, value = offset
	kEra                         // key gregorian|hijri
	kDirection                   // الماضي… value -1, 0, 1
	kUnit                        // key day|week|month|year, value = count (0: needs a number)
	kAgo                         // منذ، قبل
	kYearCue                     // عام، سنة
	kYearPrep                    // في، منذ… before a bare year
	kPart                        // key early|mid|late
	kFirstDay                    // غرة، أول
	kMonthCue                    // شهر
	kDay                         // يوم before a weekday
	kConcord                     // الموافق
	kOf                          // من between a day and a month
	kDecade                      // value = decade within its century (90)
	kCentury                     // value -1 (the last century) or its first year
	kNumUnit                     // 1–9
	kNumTeenUnit                 // أحد، اثنا…: only before عشر
	kNumTen                      // عشر، عشرة
	kNumTens                     // 20–90
	kNumHundreds                 // 100–900
	kNumScale                    // ألف، مليون…; value = multiplier (duals included)
	kNumScales                   // آلاف، ملايين: plural multipliers, only after a number
	kNumHalf                     // نصف before a multiplier
	kNotOrdinal                  // a word before which an ordinal is an idiom (الوهلة)
	kCountedDual                 // a dual counted noun, a figure on its own (قتيلين)
	kInfection                   // a word after «إصابة» that makes it a disease case
	kFuture                      // a word announcing the future before a weekday (المقرر)
	kUnitWord                    // what may follow a unit's number (مدرع)
	kService                     // the first word of a security service (الأمن، المخابرات)
	kOwner                       // after جيش: state forces (النظام)
	kNotOrg                      // a word after a body head that names no organization (العزاء)
	kOrgAdj                      // a non-nisba adjective closing an organization's name (العليا)
	kLocal                       // a body head that takes a place as its name (بلدية)
	kNotForces                   // what makes «قوات X» no named force (الأمن)
	kNotHead                     // a word before which a place head noun is no head (رصاص حي)
	kSameDay                     // after «اليوم»: the same day (ذاته، نفسه)
	kOrdinal                     // الأول…العاشر
	kCounted                     // a counted noun; key = unit
	kOrgHead                     // key = pattern class, value index into orgHeads
	kPlaceStop                   // a word that is not a place name after a head noun
	kNameInitial                 // a word that opens two-word place names (تل، عين)
	kCompass                     // key = n, s, e, w; a compass word
	kAdjective                   // key = a place-name adjective (الكبير، الشرقي) part of names
	kNisba                       // key = country canonical name; value 1 when foreign
	kStop                        // a function word no name starts with
	kNotWeekday                  // a word before which a weekday is no date (صلاة الجمعة)
	kNameHead                    // a place head noun that may introduce an unknown name
	kNotDate                     // a word before which a day-month or «اليوم» is a name
	numKinds
)

// Kinds are bits of a uint64 mask.
var _ [64 - numKinds]struct{}

// word is one vocabulary entry: a phrase of one or more tokens, keyed by
// its first token.
type word struct {
	kind  kind
	key   string
	value int
	// ambiguous month names make a date only with a day, a year, «شهر»
	// or a direction word.
	ambiguous bool
	// rest are the normalized tokens after the first.
	rest [][]byte
}

// hit is a vocabulary word found in a sentence.
type hit struct {
	w           *word
	first, last int   // tokens, inclusive
	nameStart   int32 // bytes of proclitics before the word in the first token
	article     bool  // the first token carried the article (as its own or after a clitic)
	clitic      bool  // a conjunction or preposition was peeled off the first token
}

// vocabulary maps a word's first-token key to the phrases starting with it.
type vocabulary map[string][]*word

// add normalizes a phrase and files it under its first token.
func (v vocabulary) add(norm *normalize.Normalizer, phrase string, w *word) error {
	toks := strings.Fields(norm.String(phrase))
	if len(toks) == 0 {
		return fmt.Errorf("empty phrase %q", phrase)
	}
	for _, t := range toks[1:] {
		w.rest = append(w.rest, []byte(t))
	}
	v[toks[0]] = append(v[toks[0]], w)
	return nil
}

// orgHead is a head noun that opens an organization's name.
type orgHead struct {
	word    string
	class   string // unit, branch, body, group, media, forces
	rule    string // rule:org:<class>
	subtype string
	// definite heads take the article and an adjective or ordinal
	// («الفرقة التاسعة», «القوات الروسية»); others govern a name.
	definite bool
}

// load reads every vocabulary file.
func load(norm *normalize.Normalizer) (vocabulary, []orgHead, error) {
	v := vocabulary{}
	// calendar.tsv: kind, key, value, name, origin
	err := datafile.Each(calendarData, "calendar.tsv", func(f []string) error {
		if len(f) < 4 {
			return errors.New("want kind, key, value, name")
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("value %q: %w", f[2], err)
		}
		k := map[string]kind{"month": kMonth, "weekday": kWeekday, "relative": kRelative, "era": kEra}[f[0]]
		if k == 0 {
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return v.add(norm, f[3], &word{kind: k, key: f[1], value: n})
	})
	if err != nil {
		return nil, nil, err
	}
	ambiguous := map[string]bool{}
	err = datafile.Each(dateWordData, "date-words.tsv", func(f []string) error {
		if len(f) < 2 {
			return errors.New("want kind, word[, value]")
		}
		w := &word{}
		switch f[0] {
		case "direction", "decade", "century":
			w.kind = map[string]kind{"direction": kDirection, "decade": kDecade, "century": kCentury}[f[0]]
			if len(f) < 3 {
				return errors.New("want a value")
			}
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return fmt.Errorf("value %q: %w", f[2], err)
			}
			w.value = n
		case "unit":
			if len(f) < 3 {
				return errors.New("want unit:count")
			}
			unit, count, ok := strings.Cut(f[2], ":")
			n, err := strconv.Atoi(count)
			if !ok || err != nil || (unit != "day" && unit != "week" && unit != "month" && unit != "year") {
				return fmt.Errorf("value %q: want day|week|month|year:count", f[2])
			}
			w.kind, w.key, w.value = kUnit, unit, n
		case "part":
			if len(f) < 3 || (f[2] != "early" && f[2] != "mid" && f[2] != "late") {
				return errors.New("want early, mid or late")
			}
			w.kind, w.key = kPart, f[2]
		case "ambiguous":
			ambiguous[norm.String(f[1])] = true
			return nil
		default:
			k := map[string]kind{"ago": kAgo, "yearcue": kYearCue, "yearprep": kYearPrep, "firstday": kFirstDay,
				"monthcue": kMonthCue, "day": kDay, "concord": kConcord, "of": kOf, "notweekday": kNotWeekday, "notdate": kNotDate, "future": kFuture, "sameday": kSameDay}[f[0]]
			if k == 0 {
				return fmt.Errorf("unknown kind %q", f[0])
			}
			w.kind = k
		}
		if w.kind == kDecade {
			// «تسعينيات القرن الماضي»: without the article a decade
			// needs its century.
			if bare, ok := strings.CutPrefix(f[1], "ال"); ok {
				if err := v.add(norm, bare, &word{kind: kDecade, key: "bare", value: w.value}); err != nil {
					return err
				}
			}
		}
		return v.add(norm, f[1], w)
	})
	if err != nil {
		return nil, nil, err
	}
	for name := range ambiguous {
		found := false
		toks := strings.Fields(name)
		for _, w := range v[toks[0]] {
			if w.kind == kMonth && len(w.rest) == len(toks)-1 {
				w.ambiguous, found = true, true
			}
		}
		if !found {
			return nil, nil, fmt.Errorf("date-words.tsv: ambiguous %q is not a month in calendar.tsv", name)
		}
	}
	err = datafile.Each(numberData, "numbers.tsv", func(f []string) error {
		if len(f) < 3 {
			return errors.New("want kind, word, value")
		}
		n, err := strconv.Atoi(f[2])
		if err != nil {
			return fmt.Errorf("value %q: %w", f[2], err)
		}
		k := map[string]kind{"unit": kNumUnit, "teenunit": kNumTeenUnit, "ten": kNumTen, "tens": kNumTens, "hundreds": kNumHundreds,
			"scale": kNumScale, "scales": kNumScales, "half": kNumHalf, "ordinal": kOrdinal, "notordinal": kNotOrdinal}[f[0]]
		if k == 0 {
			return fmt.Errorf("unknown kind %q", f[0])
		}
		if k == kNumTens {
			// «الذكرى السبعين», «الخامس والعشرين»: with the article the
			// tens are ordinals.
			if err := v.add(norm, "ال"+f[1], &word{kind: kOrdinal, value: n}); err != nil {
				return err
			}
		}
		return v.add(norm, f[1], &word{kind: k, value: n})
	})
	if err != nil {
		return nil, nil, err
	}
	err = datafile.Each(countedData, "counted-nouns.tsv", func(f []string) error {
		if len(f) < 2 {
			return errors.New("want unit, noun")
		}
		if len(f) > 2 {
			n, err := strconv.Atoi(f[2])
			if err != nil || n < 1 {
				return fmt.Errorf("count %q", f[2])
			}
			return v.add(norm, f[1], &word{kind: kCountedDual, key: f[0], value: n})
		}
		if f[0] == "infection" {
			return v.add(norm, f[1], &word{kind: kInfection})
		}
		return v.add(norm, f[1], &word{kind: kCounted, key: f[0]})
	})
	if err != nil {
		return nil, nil, err
	}
	var heads []orgHead
	err = datafile.Each(orgHeadData, "org-heads.tsv", func(f []string) error {
		if len(f) < 2 {
			return errors.New("want class, head[, subtype]")
		}
		if k, ok := map[string]kind{"unitword": kUnitWord, "service": kService, "owner": kOwner,
			"notorg": kNotOrg, "orgadj": kOrgAdj, "local": kLocal, "notforces": kNotForces}[f[0]]; ok {
			w := &word{kind: k}
			switch {
			case len(f) > 2 && (f[2] == "foreign" || f[2] == "direct"):
				w.value = 1 // a foreign owner; a local head taking a place directly
			case len(f) > 2 && f[2] == "noun":
				w.value = 2 // a local head taking a place only after a noun
			}
			return v.add(norm, f[1], w)
		}
		switch f[0] {
		case "unit", "branch", "body", "group", "media", "desc", "forces":
		default:
			return fmt.Errorf("unknown class %q", f[0])
		}
		if len(f) < 3 {
			return errors.New("want class, head, subtype")
		}
		h := orgHead{word: f[1], class: f[0], rule: "rule:org:" + f[0], subtype: f[2], definite: strings.HasPrefix(norm.String(f[1]), "ال")}
		heads = append(heads, h)
		return v.add(norm, f[1], &word{kind: kOrgHead, key: f[0], value: len(heads) - 1})
	})
	if err != nil {
		return nil, nil, err
	}
	err = datafile.Each(placeWordData, "place-words.tsv", func(f []string) error {
		if len(f) < 2 {
			return errors.New("want kind, word")
		}
		w := &word{}
		switch f[0] {
		case "stop":
			w.kind = kStop
		case "notname":
			w.kind = kPlaceStop
		case "initial":
			w.kind = kNameInitial
		case "adjective":
			w.kind = kAdjective
		case "nothead":
			w.kind = kNotHead
			if len(f) > 2 {
				w.key = norm.String(f[2]) // only before this head
			}
		case "namehead":
			w.kind = kNameHead
			if len(f) > 2 && f[2] == "inname" {
				w.value = 1
			}
		case "compass":
			if len(f) < 3 {
				return errors.New("want a direction (n, s, e, w, ne, nw, se, sw)")
			}
			w.kind, w.key = kCompass, f[2]
		case "nisba":
			if len(f) < 4 {
				return errors.New("want nisba, country, foreign|own")
			}
			w.kind, w.key = kNisba, f[2]
			if f[3] == "foreign" {
				w.value = 1
			}
			// The feminine agrees with القوات and الشرطة (القوات الروسية).
			fem := *w
			if err := v.add(norm, f[1]+"ة", &fem); err != nil {
				return err
			}
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return v.add(norm, f[1], w)
	})
	if err != nil {
		return nil, nil, err
	}
	return v, heads, nil
}

// scan finds the vocabulary words of a sentence: hits[i] lists the words
// starting at token i, longest first.
func (r *Rules) scan(s *Scratch, text []byte, toks []segment.Token) {
	if s.peelFn == nil {
		s.peelFn = s.peeled
	}
	s.r, s.text, s.toks = r, text, toks
	defer func() { s.text, s.toks = nil, nil }()
	s.hits = s.hits[:0]
	s.start = s.start[:0]
	s.mask = s.mask[:0]
	for i := range toks {
		s.start = append(s.start, int32(len(s.hits)))
		s.mask = append(s.mask, 0)
		tok := toks[i]
		if tok.Kind != segment.Word {
			continue
		}
		w := text[tok.Start:tok.End]
		var mask uint32
		if len(s.Starts) == len(toks) {
			mask = s.Starts[i]
		} else {
			_, mask = r.lex.StartMasks(w, r.keys)
		}
		if mask == 0 {
			continue
		}
		s.tok, s.peelMask = i, mask
		r.an.Peel(w, s.peelFn)
		// Longest first.
		hs := s.hits[s.start[i]:]
		for a := 1; a < len(hs); a++ {
			for b := a; b > 0 && hs[b].last > hs[b-1].last; b-- {
				hs[b], hs[b-1] = hs[b-1], hs[b]
			}
		}
	}
	s.start = append(s.start, int32(len(s.hits)))
}

// peeled looks up one peeling of the current token (see clitic.Peel)
// and records the words found.
func (s *Scratch) peeled(nameStart int, name []byte, article bool) {
	if nameStart >= 32 || s.peelMask&(1<<nameStart) == 0 {
		return // the filter rules this key out
	}
	key := name
	if article {
		s.key = append(append(s.key[:0], "ال"...), name...)
		key = s.key
	}
	for _, vw := range s.r.vocab[string(key)] {
		last, ok := matchRest(s.text, s.toks, s.tok, vw.rest)
		if !ok {
			continue
		}
		s.mask[s.tok] |= 1 << vw.kind
		s.hits = append(s.hits, hit{
			w: vw, first: s.tok, last: last,
			nameStart: int32(nameStart),
			article:   article || hasArticle(key),
			clitic:    nameStart > 0,
		})
	}
}

// matchRest matches the tokens after i against rest and returns the last
// token of the phrase.
func matchRest(text []byte, toks []segment.Token, i int, rest [][]byte) (int, bool) {
	j := i
	for _, want := range rest {
		j++
		if j >= len(toks) || !bytes.Equal(text[toks[j].Start:toks[j].End], want) {
			return 0, false
		}
	}
	return j, true
}
