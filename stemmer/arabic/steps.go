package arabic

// The routines of arabic.sbl, in its order. Each step sets word_len to the
// word's length first (as the algorithm does, even when the step then
// fails), leaves the cursor where Snowball would on success, and on
// failure changes nothing (its caller restores the cursor, as Snowball's
// or/try/do/repeat do).

// Normalize_pre's table: each code point it rewrites and its replacement
// (nil deletes).
var preTable = func() map[rune][]rune {
	m := map[rune][]rune{}
	del := []rune{}
	for _, r := range "\u064B\u064C\u064D\u064E\u064F\u0650\u0652\u0651\u0640" { // harakat, shadda, tatweel
		m[r] = del
	}
	for d := rune(0); d < 10; d++ { // Arabic-Indic digits
		m[0x0660+d] = []rune{'0' + d}
	}
	shaped := []struct {
		forms string
		to    rune
	}{
		{"\uFE80", 'ء'},
		{"\uFE83\uFE84", 'أ'},
		{"\uFE87\uFE88", 'إ'},
		{"\uFE8B\uFE8C\uFE89\uFE8A", 'ئ'},
		{"\uFE81\uFE82", 'آ'},
		{"\uFE85\uFE86", 'ؤ'},
		{"\uFE8D\uFE8E", 'ا'},
		{"\uFE8F\uFE90\uFE91\uFE92", 'ب'},
		{"\uFE93\uFE94", 'ة'},
		{"\uFE97\uFE98\uFE95\uFE96", 'ت'},
		{"\uFE9B\uFE9C\uFE9A\uFE99", 'ث'},
		{"\uFE9F\uFEA0\uFE9D\uFE9E", 'ج'},
		{"\uFEA3\uFEA4\uFEA1\uFEA2", 'ح'},
		{"\uFEA7\uFEA8\uFEA5\uFEA6", 'خ'},
		{"\uFEA9\uFEAA", 'د'},
		{"\uFEAB\uFEAC", 'ذ'},
		{"\uFEAD\uFEAE", 'ر'},
		{"\uFEAF\uFEB0", 'ز'},
		{"\uFEB3\uFEB4\uFEB1\uFEB2", 'س'},
		{"\uFEB7\uFEB8\uFEB5\uFEB6", 'ش'},
		{"\uFEBB\uFEBC\uFEB9\uFEBA", 'ص'},
		{"\uFEBF\uFEC0\uFEBD\uFEBE", 'ض'},
		{"\uFEC3\uFEC4\uFEC1\uFEC2", 'ط'},
		{"\uFEC7\uFEC8\uFEC5\uFEC6", 'ظ'},
		{"\uFECB\uFECC\uFEC9\uFECA", 'ع'},
		{"\uFECF\uFED0\uFECD\uFECE", 'غ'},
		{"\uFED3\uFED4\uFED1\uFED2", 'ف'},
		{"\uFED7\uFED8\uFED5\uFED6", 'ق'},
		{"\uFEDB\uFEDC\uFED9\uFEDA", 'ك'},
		{"\uFEDF\uFEE0\uFEDD\uFEDE", 'ل'},
		{"\uFEE3\uFEE4\uFEE1\uFEE2", 'م'},
		{"\uFEE7\uFEE8\uFEE5\uFEE6", 'ن'},
		{"\uFEEB\uFEEC\uFEE9\uFEEA", 'ه'},
		{"\uFEED\uFEEE", 'و'},
		{"\uFEEF\uFEF0", 'ى'},
		{"\uFEF3\uFEF4\uFEF1\uFEF2", 'ي'},
	}
	for _, s := range shaped {
		for _, f := range s.forms {
			m[f] = []rune{s.to}
		}
	}
	for forms, to := range map[string]string{ // lam-alef ligatures
		"\uFEFB\uFEFC": "لا",
		"\uFEF7\uFEF8": "لأ",
		"\uFEF9\uFEFA": "لإ",
		"\uFEF5\uFEF6": "لآ",
	} {
		for _, f := range forms {
			m[f] = []rune(to)
		}
	}
	return m
}()

// preLow is preTable as a dense array for the Arabic block, the common
// case; entries are nil where the table has nothing.
var preLow = func() (t [0x100][]rune) {
	for r, to := range preTable {
		if r >= 0x0600 && r < 0x0700 {
			t[r-0x0600] = to
		}
	}
	return t
}()

// preLookup returns Normalize_pre's replacement for r.
func preLookup(r rune) ([]rune, bool) {
	if r >= 0x0600 && r < 0x0700 {
		to := preLow[r-0x0600]
		return to, to != nil
	}
	if r < 0xFE80 || r > 0xFEFC {
		return nil, false
	}
	to, ok := preTable[r]
	return to, ok
}

// Normalize_pre: loop len ( ([substring] among (…)) or next ).
func (st *state) normalizePre() {
	n := st.length()
	for range n {
		if st.c < st.length() {
			if to, ok := preLookup(st.w.RS[st.c]); ok {
				bra := st.c
				st.c++
				st.replace(bra, st.c, to)
				continue
			}
		}
		if !st.next() {
			return
		}
	}
}

var (
	postLast = newAmong([]string{"أ", "إ", "آ", "ؤ", "ئ"})
	postAll  = newAmong([]string{"أ", "إ", "آ"}, []string{"ؤ"}, []string{"ئ"})
	hamza    = []rune{'ء'}
	postTo   = [][]rune{{'ا'}, {'و'}, {'ي'}}
)

// Normalize_post: a final hamza carrier becomes ء, then (for word_len
// code points, the variable's last value) أ إ آ → ا, ؤ → و, ئ → ي.
func (st *state) normalizePost() {
	st.c = st.length()
	if i := st.findBackward(&postLast); i >= 0 {
		ket := st.c
		bra := ket - len(postLast.s[i])
		st.c = bra
		st.replace(bra, ket, hamza)
	}
	st.c = 0
	for range st.wordLen {
		if i := st.findForward(&postAll); i >= 0 {
			bra := st.c
			st.c += len(postAll.s[i])
			st.replace(bra, st.c, postTo[postAll.act[i]])
			continue
		}
		if !st.next() {
			return
		}
	}
}

var checks1Among = newAmong([]string{"بال", "كال"}, []string{"لل", "ال"})

// Checks1, on the raw word: a definite noun if it opens with بال or كال
// (length > 4), or لل or ال (length > 3).
func (st *state) checks1() {
	st.wordLen = st.length()
	i := st.findForward(&checks1Among)
	if i < 0 {
		return
	}
	least := 4
	if checks1Among.act[i] == 1 {
		least = 3
	}
	if st.wordLen > least {
		st.isNoun, st.isVerb, st.isDefined = true, false, true
	}
}

// rule is one among group's condition and replacement: the step applies
// when word_len > gt (if gt >= 0) or word_len >= ge (if ge >= 0), and
// replaces the match with to (nil deletes).
type rule struct {
	gt, ge int
	to     []rune
}

func (r rule) holds(wordLen int) bool {
	if r.gt >= 0 {
		return wordLen > r.gt
	}
	return wordLen >= r.ge
}

// gt and ge build rules.
func gt(n int, to ...rune) rule { return rule{gt: n, ge: -1, to: to} }
func ge(n int, to ...rune) rule { return rule{gt: -1, ge: n, to: to} }

// suffixStep is a backward step: [substring] among (…) with a condition
// and a deletion or replacement per group.
type suffixStep struct {
	among among
	rules []rule
}

func (st *state) apply(s *suffixStep) bool {
	st.wordLen = st.length()
	i := st.findBackward(&s.among)
	if i < 0 {
		return false
	}
	r := s.rules[s.among.act[i]]
	if !r.holds(st.wordLen) {
		return false
	}
	ket := st.c
	bra := ket - len(s.among.s[i])
	st.c = bra
	st.replace(bra, ket, r.to)
	return true
}

// prefixStep is a forward step, optionally guarded by strings that must
// not stand at the cursor.
type prefixStep struct {
	not   [][]rune
	among among
	rules []rule
	// setVerb marks Prefix_Step4_Verb: it sets is_verb and unsets is_noun.
	setVerb bool
}

func (st *state) applyPrefix(p *prefixStep) bool {
	st.wordLen = st.length()
	for _, n := range p.not {
		if st.eqAt(n) {
			return false
		}
	}
	i := st.findForward(&p.among)
	if i < 0 {
		return false
	}
	r := p.rules[p.among.act[i]]
	if !r.holds(st.wordLen) {
		return false
	}
	if p.setVerb {
		st.isVerb, st.isNoun = true, false
	}
	bra := st.c
	st.c += len(p.among.s[i])
	st.replace(bra, st.c, r.to)
	return true
}

var (
	prefixStep1 = prefixStep{
		among: newAmong([]string{"أأ"}, []string{"أآ"}, []string{"أؤ"}, []string{"أا"}, []string{"أإ"}),
		rules: []rule{gt(3, 'أ'), gt(3, 'آ'), gt(3, 'أ'), gt(3, 'ا'), gt(3, 'إ')},
	}
	prefixStep2 = prefixStep{
		not:   [][]rune{[]rune("فا"), []rune("وا")},
		among: newAmong([]string{"ف", "و"}),
		rules: []rule{gt(3)},
	}
	prefixStep3aNoun = prefixStep{
		among: newAmong([]string{"بال", "كال"}, []string{"لل", "ال"}),
		rules: []rule{gt(5), gt(4)},
	}
	prefixStep3bNoun = prefixStep{
		not:   [][]rune{[]rune("با")},
		among: newAmong([]string{"ب"}, []string{"بب"}, []string{"كك"}),
		rules: []rule{gt(3), gt(3, 'ب'), gt(3, 'ك')},
	}
	prefixStep3Verb = prefixStep{
		among: newAmong([]string{"سي"}, []string{"ست"}, []string{"سن"}, []string{"سأ"}),
		rules: []rule{gt(4, 'ي'), gt(4, 'ت'), gt(4, 'ن'), gt(4, 'أ')},
	}
	prefixStep4Verb = prefixStep{
		among:   newAmong([]string{"يست", "نست", "تست"}),
		rules:   []rule{gt(4, 'ا', 'س', 'ت')},
		setVerb: true,
	}

	suffixNounStep1a = suffixStep{
		among: newAmong([]string{"ي", "ك", "ه"}, []string{"نا", "كم", "ها", "هن", "هم"}, []string{"كما", "هما"}),
		rules: []rule{ge(4), ge(5), ge(6)},
	}
	suffixNounStep1b  = suffixStep{among: newAmong([]string{"ن"}), rules: []rule{gt(5)}}
	suffixNounStep2a  = suffixStep{among: newAmong([]string{"ا", "ي", "و"}), rules: []rule{gt(4)}}
	suffixNounStep2b  = suffixStep{among: newAmong([]string{"ات"}), rules: []rule{ge(5)}}
	suffixNounStep2c1 = suffixStep{among: newAmong([]string{"ت"}), rules: []rule{ge(4)}}
	suffixNounStep2c2 = suffixStep{among: newAmong([]string{"ة"}), rules: []rule{ge(4)}}
	suffixNounStep3   = suffixStep{among: newAmong([]string{"ي"}), rules: []rule{ge(3)}}

	suffixVerbStep1 = suffixStep{
		among: newAmong([]string{"ه", "ك"}, []string{"ني", "نا", "ها", "هم", "هن", "كم", "كن"}, []string{"هما", "كما", "كمو"}),
		rules: []rule{ge(4), ge(5), ge(6)},
	}
	suffixVerbStep2a = suffixStep{
		among: newAmong([]string{"ت"}, []string{"ا", "ن", "ي"}, []string{"نا", "تا", "تن"}, []string{"ان", "ون", "ين"}, []string{"تما"}),
		rules: []rule{ge(4), ge(4), ge(5), gt(5), ge(6)},
	}
	suffixVerbStep2b = suffixStep{among: newAmong([]string{"وا", "تم"}), rules: []rule{ge(5)}}
	suffixVerbStep2c = suffixStep{
		among: newAmong([]string{"و"}, []string{"تمو"}),
		rules: []rule{ge(4), ge(6)},
	}
	suffixAllAlefMaqsura = suffixStep{among: newAmong([]string{"ى"}), rules: []rule{ge(0, 'ي')}}
)

// fromEnd and atFromEnd save and restore the cursor in backward mode,
// where Snowball remembers it relative to the end of the word.
func (st *state) fromEnd() int    { return st.length() - st.c }
func (st *state) atFromEnd(m int) { st.c = st.length() - m }

// suffixes is the backwards block of "stem":
//
//	do ( (is_verb (…)) or (is_noun (…)) or Suffix_All_alef_maqsura )
func (st *state) suffixes() {
	m := st.fromEnd()
	if st.verbSuffixes() {
		return
	}
	st.atFromEnd(m)
	if st.nounSuffixes() {
		return
	}
	st.atFromEnd(m)
	st.apply(&suffixAllAlefMaqsura)
}

// verbSuffixes:
//
//	is_verb ( ((atleast 1 Suffix_Verb_Step1) (Suffix_Verb_Step2a or
//	Suffix_Verb_Step2c or next)) or Suffix_Verb_Step2b or Suffix_Verb_Step2a )
func (st *state) verbSuffixes() bool {
	if !st.isVerb {
		return false
	}
	m := st.fromEnd()
	if st.apply(&suffixVerbStep1) {
		for {
			r := st.fromEnd()
			if !st.apply(&suffixVerbStep1) {
				st.atFromEnd(r)
				break
			}
		}
		r := st.fromEnd()
		if st.apply(&suffixVerbStep2a) {
			return true
		}
		st.atFromEnd(r)
		if st.apply(&suffixVerbStep2c) {
			return true
		}
		st.atFromEnd(r)
		if st.prev() {
			return true
		}
	}
	st.atFromEnd(m)
	if st.apply(&suffixVerbStep2b) {
		return true
	}
	st.atFromEnd(m)
	return st.apply(&suffixVerbStep2a)
}

// nounSuffixes:
//
//	is_noun ( try ( Suffix_Noun_Step2c2
//	    or (not is_defined Suffix_Noun_Step1a (Step2a or Step2b or Step2c1 or next))
//	    or (Suffix_Noun_Step1b (Step2a or Step2b or Step2c1))
//	    or (not is_defined Suffix_Noun_Step2a)
//	    or (Suffix_Noun_Step2b) )
//	  Suffix_Noun_Step3 )
func (st *state) nounSuffixes() bool {
	if !st.isNoun {
		return false
	}
	m := st.fromEnd()
	ok := st.apply(&suffixNounStep2c2)
	if !ok {
		st.atFromEnd(m)
		ok = !st.isDefined && st.apply(&suffixNounStep1a) && st.nounStep2(true)
	}
	if !ok {
		st.atFromEnd(m)
		ok = st.apply(&suffixNounStep1b) && st.nounStep2(false)
	}
	if !ok {
		st.atFromEnd(m)
		ok = !st.isDefined && st.apply(&suffixNounStep2a)
	}
	if !ok {
		st.atFromEnd(m)
		ok = st.apply(&suffixNounStep2b)
	}
	if !ok {
		st.atFromEnd(m) // try: restore the cursor, keep any edit
	}
	return st.apply(&suffixNounStep3)
}

// nounStep2 is (Suffix_Noun_Step2a or Suffix_Noun_Step2b or
// Suffix_Noun_Step2c1 [or next]).
func (st *state) nounStep2(orNext bool) bool {
	m := st.fromEnd()
	for _, s := range []*suffixStep{&suffixNounStep2a, &suffixNounStep2b, &suffixNounStep2c1} {
		if st.apply(s) {
			return true
		}
		st.atFromEnd(m)
	}
	return orNext && st.prev()
}

// prefixes is the prefix block of "stem":
//
//	do ( try Prefix_Step1  try Prefix_Step2
//	     ( Prefix_Step3a_Noun or (is_noun Prefix_Step3b_Noun)
//	       or (is_verb try Prefix_Step3_Verb Prefix_Step4_Verb) ) )
func (st *state) prefixes() {
	m := st.c
	if !st.applyPrefix(&prefixStep1) {
		st.c = m
	}
	m = st.c
	if !st.applyPrefix(&prefixStep2) {
		st.c = m
	}
	m = st.c
	if st.applyPrefix(&prefixStep3aNoun) {
		return
	}
	st.c = m
	if st.isNoun && st.applyPrefix(&prefixStep3bNoun) {
		return
	}
	st.c = m
	if st.isVerb {
		if !st.applyPrefix(&prefixStep3Verb) {
			st.c = m
		}
		st.applyPrefix(&prefixStep4Verb)
	}
}
