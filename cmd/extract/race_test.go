//go:build race

package main

// raceEnabled tells TestMain to build the binary for the concurrency tests
// with the race detector too.
const raceEnabled = true
