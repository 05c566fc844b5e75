package arabic

// The Snowball operations the algorithm uses, on the word in st.w.RS with
// the cursor st.c. An among is a list of strings (as runes) with one
// action index each; matching takes the longest string, as Snowball does.

// among is a Snowball among: strings and the action index of each, with
// the strings indexed by their first and last code point (longest first)
// so a match is tried only against strings that can match.
type among struct {
	s       [][]rune
	act     []int
	byFirst [0x100][]int // by first code point - 0x0600 (all are in the Arabic block)
	byLast  [0x100][]int // by last code point - 0x0600
}

// arabicIndex is r's index in the Arabic block, or -1.
func arabicIndex(r rune) int {
	if r < 0x0600 || r >= 0x0700 {
		return -1
	}
	return int(r - 0x0600)
}

// newAmong builds an among from groups of strings sharing an action
// (action i is the group's position).
func newAmong(groups ...[]string) among {
	var a among
	for i, g := range groups {
		for _, s := range g {
			rs := []rune(s)
			f, l := arabicIndex(rs[0]), arabicIndex(rs[len(rs)-1])
			if f < 0 || l < 0 {
				panic("arabic: among string outside the Arabic block: " + s)
			}
			k := len(a.s)
			a.s = append(a.s, rs)
			a.act = append(a.act, i)
			a.byFirst[f] = insertLongestFirst(a.byFirst[f], k, a.s)
			a.byLast[l] = insertLongestFirst(a.byLast[l], k, a.s)
		}
	}
	return a
}

func insertLongestFirst(list []int, k int, s [][]rune) []int {
	list = append(list, k)
	for i := len(list) - 1; i > 0 && len(s[list[i-1]]) < len(s[list[i]]); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	return list
}

// findForward finds the longest string of a starting at the cursor and
// returns its index, or -1.
func (st *state) findForward(a *among) int {
	rs := st.w.RS
	if st.c >= len(rs) {
		return -1
	}
	f := arabicIndex(rs[st.c])
	if f < 0 {
		return -1
	}
	for _, i := range a.byFirst[f] {
		s := a.s[i]
		if st.c+len(s) <= len(rs) && equalRunes(rs[st.c:st.c+len(s)], s) {
			return i
		}
	}
	return -1
}

// findBackward finds the longest string of a ending at the cursor and
// returns its index, or -1.
func (st *state) findBackward(a *among) int {
	rs := st.w.RS
	if st.c <= 0 {
		return -1
	}
	l := arabicIndex(rs[st.c-1])
	if l < 0 {
		return -1
	}
	for _, i := range a.byLast[l] {
		s := a.s[i]
		if len(s) <= st.c && equalRunes(rs[st.c-len(s):st.c], s) {
			return i
		}
	}
	return -1
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// eqAt reports whether the word has s at the cursor (forward).
func (st *state) eqAt(s []rune) bool {
	rs := st.w.RS
	return st.c+len(s) <= len(rs) && equalRunes(rs[st.c:st.c+len(s)], s)
}

// replace replaces rs[bra:ket] by with and moves the cursor as Snowball's
// replace_s does: a cursor at or past ket moves by the change in length, a
// cursor inside the slice moves to bra.
func (st *state) replace(bra, ket int, with []rune) {
	w := st.w
	delta := len(with) - (ket - bra)
	switch {
	case ket == len(w.RS):
		// At the end of the word, snowballword's own suffix edit applies.
		w.ReplaceSuffixRunes(w.RS[bra:ket], with, true)
	case delta == 0:
		copy(w.RS[bra:], with)
	default:
		tail := len(w.RS) - ket
		if delta > 0 {
			w.RS = append(w.RS, make([]rune, delta)...)
		}
		copy(w.RS[bra+len(with):], w.RS[ket:ket+tail])
		copy(w.RS[bra:], with)
		w.RS = w.RS[:bra+len(with)+tail]
	}
	switch {
	case st.c >= ket:
		st.c += delta
	case st.c > bra:
		st.c = bra
	}
}

// next moves the cursor one code point forward; false at the end.
func (st *state) next() bool {
	if st.c >= len(st.w.RS) {
		return false
	}
	st.c++
	return true
}

// prev is next in backward mode: one code point back; false at the start.
func (st *state) prev() bool {
	if st.c <= 0 {
		return false
	}
	st.c--
	return true
}

// length is Snowball's len: code points in the whole word.
func (st *state) length() int { return len(st.w.RS) }
