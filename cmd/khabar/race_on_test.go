//go:build race

package main

// slower is how much longer things take under the race detector, which
// makes the demo's image drawing and every request several times slower.
const slower = 8
