//go:build !race

package main

// slower is how much longer things take under the race detector (not on).
const slower = 1
