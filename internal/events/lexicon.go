// Package events turns a document's entities into event records: who did
// what to whom, where, when and with how many killed, typed with ACLED's
// taxonomy.
//
// It works in two steps. While a sentence's tokens are at hand, Find
// reports the triggers in it (triggers.tsv: verbs and verbal nouns per
// event type, matched through the Snowball Arabic stemmer so that inflected
// forms hit) with what the cues around them say (cues.tsv: modality, actor
// descriptions and sources, and the words that make a trigger no happening:
// a call, a sentence, an expected visit, a disaster). When a window of text
// is decided, Assemble keeps one trigger per family and sentence, attaches
// the entities of its sentence — the date (else the preceding sentence's
// when it goes on with the same kind of happening, else the document's),
// the place the words put the event in, the organizations around it as
// actors, the casualty figures — and merges the mentions of one happening
// (same kind, nested places, compatible dates) into one event, each
// argument keeping the offsets of the words it came from.
package events

import (
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/khabar-ie/khabar/internal/clitic"
	"github.com/khabar-ie/khabar/internal/datafile"
	"github.com/khabar-ie/khabar/internal/normalize"
	"github.com/khabar-ie/khabar/internal/segment"
	"github.com/khabar-ie/khabar/stemmer/arabic"
)

var (
	//go:embed triggers.tsv
	triggerData []byte
	//go:embed cues.tsv
	cueData []byte
)

// Kind is an event kind: an ACLED type and sub-event type, our finer
// label, and its priority among the triggers of a sentence.
type Kind struct {
	Type, SubType string
	// Label is the finer label ACLED folds into "other" (reinforcement,
	// negotiation, mediation, raid, visit), or empty.
	Label    string
	Priority int
	// NeedsFigure keeps the kind only in a sentence with a casualty
	// figure; NeedsPlace only in one that names a town-level place;
	// NeedsPlaceAfter only where a place follows the trigger closely
	// («سيطرت على عفرين», not «سيطر على الأسلحة»).
	NeedsFigure, NeedsPlace, NeedsPlaceAfter bool
	// Deaths marks words that count the dead: a bare number shortly
	// after one is the death toll («عدد القتلى … هو عشرة», «مقتل 13»);
	// Injuries those that count the wounded.
	Deaths, Injuries bool
	// Governs keeps a trigger only where another trigger follows it in
	// its sentence, what it is about: a warning is a threat when it warns
	// of violence («حذرت … من مغبة مهاجمة القنصلية»), not of rain.
	Governs bool
	// Family groups kinds of which a sentence reports one event: violence,
	// protest, threat, or one per strategic development.
	Family string
}

// word is a vocabulary entry: a trigger form or a cue, keyed by its first
// token.
type word struct {
	kind *Kind  // a trigger
	cue  string // reported, hedged, denied, now, unreal, subset, nature, later, judicial, "actor" or "source"
	// class is an actor description's class.
	class string
	rest  [][]byte
	// verb is set for verb forms: never read after the article
	// («التصدي» is a noun, not ال + «تصدى»).
	verb bool
}

// Lexicon is the trigger and cue vocabulary. It is immutable and safe for
// concurrent use.
type Lexicon struct {
	an    *clitic.Analyzer
	words map[string][]*word
}

// prefixes and suffixes the stem of a trigger form is matched with (the
// normalizer's forms: ة is ه).
var (
	verbPrefixes = []string{"", "ي", "ت", "ن", "ا"}
	affixEnds    = []string{"", "ت", "وا", "و", "ن", "نا", "ات", "ه", "ها", "هم", "ين", "ون", "ان", "تا", "تم"}
)

// New loads the vocabulary, normalized with norm.
func New(norm *normalize.Normalizer, an *clitic.Analyzer) (*Lexicon, error) {
	l := &Lexicon{an: an, words: map[string][]*word{}}
	add := func(phrase string, w *word) {
		toks := strings.Fields(norm.String(phrase))
		for _, t := range toks[1:] {
			w.rest = append(w.rest, []byte(t))
		}
		l.words[toks[0]] = append(l.words[toks[0]], w)
	}
	var st arabic.Stemmer
	err := datafile.Each(triggerData, "triggers.tsv", func(f []string) error {
		if len(f) < 5 {
			return errors.New("want type, sub_type, fine, priority, forms")
		}
		pr, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("priority %q: %w", f[3], err)
		}
		var flags []string
		if len(f) > 5 {
			flags = strings.Split(f[5], ",")
		}
		for _, fl := range flags {
			switch fl {
			case "figure", "place", "placeafter", "deaths", "injuries", "exact", "verb", "governs":
			default:
				return fmt.Errorf("unknown flag %q", fl)
			}
		}
		k := &Kind{Type: f[0], SubType: f[1], Priority: pr,
			NeedsFigure: slices.Contains(flags, "figure"), NeedsPlace: slices.Contains(flags, "place"),
			NeedsPlaceAfter: slices.Contains(flags, "placeafter"), Deaths: slices.Contains(flags, "deaths"),
			Injuries: slices.Contains(flags, "injuries"), Governs: slices.Contains(flags, "governs")}
		exact, verb := slices.Contains(flags, "exact"), slices.Contains(flags, "verb")
		if f[2] != "-" {
			k.Label = f[2]
		}
		k.Family = family(k)
		for _, form := range strings.Split(f[4], "|") {
			form = norm.String(strings.TrimSpace(form))
			if form == "" {
				continue
			}
			add(form, &word{kind: k, verb: verb})
			if exact || strings.Contains(form, " ") {
				continue
			}
			// The form and its stem with the usual affixes: اشتبك →
			// اشتبكت، اشتبكوا; قتل → يقتل، قتلوا.
			seen := map[string]bool{form: true}
			for _, base := range []string{form, st.String(form)} {
				if len([]rune(base)) < 3 {
					continue
				}
				for _, p := range verbPrefixes {
					for _, s := range affixEnds {
						key := p + base + s
						if p == "" && s == "" || seen[key] {
							continue // the bare stem alone is often another word (وسيط → وسط)
						}
						seen[key] = true
						add(key, &word{kind: k})
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = datafile.Each(cueData, "cues.tsv", func(f []string) error {
		if len(f) < 2 {
			return errors.New("want kind, word")
		}
		switch f[0] {
		case "reported", "hedged", "denied", "now", "unreal", "subset", "nature", "later", "judicial":
			add(f[1], &word{cue: f[0]})
		case "notrigger":
			add(f[1], &word{cue: "notrigger"})
		case "actor", "source":
			if len(f) < 3 {
				return fmt.Errorf("want %s, words, class", f[0])
			}
			add(f[1], &word{cue: f[0], class: f[2]})
		default:
			return fmt.Errorf("unknown kind %q", f[0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// family groups kinds of which one sentence reports one event.
func family(k *Kind) string {
	switch k.Type {
	case "battle", "explosion_remote_violence", "violence_against_civilians", "riot":
		return "violence"
	case "protest", "threat":
		return k.Type
	}
	switch k.Label {
	case "negotiation", "mediation":
		return "talks"
	case "evacuation":
		return "evacuation"
	case "raid":
		return "violence" // a raid in a sentence with a clash is part of it
	}
	return k.SubType + "/" + k.Label
}

// Keys returns the first-token keys of the vocabulary, for a filter that
// spares most words the look-up (see lexicon.StartMasks).
func (l *Lexicon) Keys() []string {
	return l.keys(func([]*word) bool { return true })
}

// TriggerKeys returns the first-token keys of the triggers alone: a
// sentence where none may start has no event, whatever its cues.
func (l *Lexicon) TriggerKeys() []string {
	return l.keys(func(ws []*word) bool {
		for _, w := range ws {
			if w.kind != nil {
				return true
			}
		}
		return false
	})
}

// keys returns the first-token keys of the words keep accepts.
func (l *Lexicon) keys(keep func([]*word) bool) []string {
	keys := make([]string, 0, 2*len(l.words))
	for k, ws := range l.words {
		if !keep(ws) {
			continue
		}
		keys = append(keys, k)
		// After the preposition ل the article is written لل (للاشتباكات):
		// the word's own suffix is then the key without its alef.
		if strings.HasPrefix(k, "ال") {
			keys = append(keys, k[len("ا"):])
		}
	}
	return keys
}

// Trigger is a trigger word found in a sentence, with what the words
// around it say.
type Trigger struct {
	Kind *Kind
	// FirstToken and LastToken index the sentence's tokens.
	FirstToken, LastToken int
	// RuneStart and RuneEnd are the trigger's normalized code points.
	RuneStart, RuneEnd int32
	// Modality is reported, hedged or denied when a cue before the
	// trigger in the sentence says so; threatened for threats; else
	// asserted.
	Modality string
	// Actor is a description of an actor right around the trigger
	// («مقاتلون محليون»), with its class, when there is one.
	Actor, ActorClass string
	ActorStart        int32 // normalized code points of the description
	ActorEnd          int32
	// Verb is set when the trigger is a verb form: its subject follows it
	// («هددت قوات النظام»).
	Verb bool
	// Now is set when the sentence says the event is going on as the
	// text is written («حالياً», «الآن»).
	Now bool
	// Source is a description of who reports the trigger, right after a
	// reporting cue before it («أفاد ناشطون»), with its class.
	Source, SourceClass    string
	SourceStart, SourceEnd int32 // normalized code points
}

// Scratch holds reusable buffers for one goroutine.
type Scratch struct {
	// Subsets holds, after Find, the normalized code point spans of the
	// sentence's subset words («بينهم»): a figure right after one counts
	// part of another.
	Subsets [][2]int32

	key []byte

	// The look-up in progress (see lookup).
	mask     uint32
	l        *Lexicon
	text     []byte
	toks     []segment.Token
	tok      int
	best     *word
	bestLast int
	peelFn   func(int, []byte, bool)
}

// reach is how many tokens after a cue that makes a trigger no happening
// the trigger may come, 0 for other cues: a call or a need governs a
// phrase («دعت الأمم المتحدة إلى وقف إطلاق النار»), a court's sentence or
// a penalty the word after it («حكم بإعدامه»).
func reach(cue string) int {
	switch cue {
	case "unreal":
		return 6
	case "judicial":
		return 2
	}
	return 0
}

// laterReach is how many tokens after a trigger a word saying it is
// expected («المرتقبة») may come.
const laterReach = 2

// Find appends the triggers of one sentence to dst. starts, when it has
// one entry per token, is a superset filter of where keys may start in
// each token (lexicon.StartMasks over Keys); tokens whose mask is 0 are
// skipped.
func (l *Lexicon) Find(dst []Trigger, s *Scratch, text []byte, toks []segment.Token, starts []uint32) []Trigger {
	first := len(dst)
	reported, hedged, denied := -1, -1, -1
	blockedTo := -1 // triggers up to this token are no happening
	now, nature := false, false
	s.Subsets = s.Subsets[:0]
	type actor struct {
		text, class string
		start, end  int32
		tok         int
	}
	var actors []actor
	var source *actor
	for i := 0; i < len(toks); i++ {
		if toks[i].Kind != segment.Word || len(starts) == len(toks) && starts[i] == 0 {
			continue
		}
		mask := ^uint32(0)
		if len(starts) == len(toks) {
			mask = starts[i]
		}
		w, last := l.lookup(s, text, toks, i, mask)
		if w == nil {
			continue
		}
		switch {
		case w.cue == "notrigger":
		case w.kind != nil && w.kind.Type != "threat" && i <= blockedTo:
			// «دعت إلى وقف إطلاق النار»: called for, not done; «حكم
			// بإعدامه»: sentenced, not executed.
		case w.kind != nil:
			tr := Trigger{Kind: w.kind, FirstToken: i, LastToken: last, RuneStart: toks[i].RuneStart, RuneEnd: toks[last].RuneEnd, Modality: "asserted", Verb: w.verb}
			switch {
			case w.kind.Type == "threat":
				tr.Modality = "threatened"
			case denied >= 0:
				tr.Modality = "denied"
			case hedged >= 0:
				tr.Modality = "hedged"
			case reported >= 0:
				tr.Modality = "reported"
			}
			if source != nil {
				tr.Source, tr.SourceClass, tr.SourceStart, tr.SourceEnd = source.text, source.class, source.start, source.end
			}
			dst = append(dst, tr)
		case w.cue == "reported":
			reported = i
		case w.cue == "hedged":
			hedged = i
		case w.cue == "now":
			now = true
		case w.cue == "nature":
			nature = true
		case w.cue == "later":
			// «الزيارة المرتقبة»: the trigger just before is expected,
			// not done.
			if n := len(dst); n > first && i-dst[n-1].LastToken <= laterReach {
				dst = dst[:n-1]
			}
		case w.cue == "subset":
			s.Subsets = append(s.Subsets, [2]int32{toks[i].RuneStart, toks[last].RuneEnd})
		case reach(w.cue) > 0:
			blockedTo = max(blockedTo, last+reach(w.cue))
		case w.cue == "denied":
			denied = i
		case w.cue == "actor" || w.cue == "source":
			a := actor{string(text[toks[i].Start:toks[last].End]), w.class, toks[i].RuneStart, toks[last].RuneEnd, i}
			if reported >= 0 && reported == i-1 {
				// «أفاد ناشطون»: who reports, not who acts.
				source = &a
				break
			}
			if w.cue == "actor" {
				actors = append(actors, a)
			}
		}
		i = last
	}
	if nature {
		// «أصيب ثلاثة أشخاص جراء إعصار»: the dead and wounded of a
		// disaster are no violence, its evacuations no conflict's.
		kept := dst[:first]
		for _, tr := range dst[first:] {
			if !tr.Kind.NeedsFigure && tr.Kind.Family != "evacuation" {
				kept = append(kept, tr)
			}
		}
		dst = kept
	}
	// Each trigger takes the nearest actor description of its sentence.
	for k := first; k < len(dst); k++ {
		dst[k].Now = now
		best, dist := -1, 1<<30
		for a := range actors {
			if d := abs(actors[a].tok - dst[k].FirstToken); d < dist {
				best, dist = a, d
			}
		}
		if best >= 0 {
			a := actors[best]
			dst[k].Actor, dst[k].ActorClass, dst[k].ActorStart, dst[k].ActorEnd = a.text, a.class, a.start, a.end
		}
	}
	return dst
}

// lookup returns the longest vocabulary word at token i, through the
// conjunctions, prepositions and article, and its last token.
func (l *Lexicon) lookup(s *Scratch, text []byte, toks []segment.Token, i int, mask uint32) (*word, int) {
	s.l, s.text, s.toks, s.tok, s.mask = l, text, toks, i, mask
	s.best, s.bestLast = nil, -1
	if s.peelFn == nil {
		s.peelFn = s.peeled
	}
	l.an.Peel(text[toks[i].Start:toks[i].End], s.peelFn)
	s.text, s.toks = nil, nil
	return s.best, s.bestLast
}

// peeled looks one peeling of the current token up.
func (s *Scratch) peeled(start int, name []byte, article bool) {
	key := name
	if article {
		s.key = append(append(s.key[:0], "ال"...), name...)
		key = s.key
	}
	if s.may(start) {
		s.try(key, false)
	}
	// With the article peeled too: «الاشتباكات» → اشتباكات (after لل,
	// the name itself).
	switch {
	case article && s.may(start+len("ل")):
		s.try(name, true)
	case !article && len(key) > len("ال")+4 && string(key[:len("ال")]) == "ال" && s.may(start+len("ال")):
		s.try(key[len("ال"):], true)
	}
}

// may reports whether the filter lets a key start at byte b of the token.
func (s *Scratch) may(b int) bool { return b >= 32 || s.mask&(1<<b) != 0 }

func (s *Scratch) try(key []byte, noArticle bool) {
	for _, vw := range s.l.words[string(key)] {
		if noArticle && vw.verb {
			continue
		}
		last, ok := matchRest(s.text, s.toks, s.tok, vw.rest)
		if ok && last > s.bestLast {
			s.best, s.bestLast = vw, last
		}
	}
}

// matchRest matches the tokens after i against rest.
func matchRest(text []byte, toks []segment.Token, i int, rest [][]byte) (int, bool) {
	j := i
	for _, want := range rest {
		j++
		if j >= len(toks) || string(text[toks[j].Start:toks[j].End]) != string(want) {
			return 0, false
		}
	}
	return j, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
