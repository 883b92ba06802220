// Package searchtest holds the checks of search quality and speed that need
// a whole corpus rather than a unit: the relevance set (a fixed corpus of
// stories in Arabic, Russian and English with queries and the stories each
// must find, run by go test, which reports precision and recall and fails
// under thresholds) and the search benchmark over a generated corpus of
// 100,000 stories in three languages (run only with -bench; see
// BENCHMARKS.md at the root of the repository).
//
// The package has no code of its own: it is tests, and this comment.
package searchtest
