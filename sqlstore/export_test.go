package sqlstore

// Limits of the package, for the tests in package sqlstore_test.
const (
	PendingBatch  = pendingBatch
	MaxCandidates = maxCandidates
)
