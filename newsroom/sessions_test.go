package newsroom_test

import (
	"sync"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/auth"
	"github.com/khabarnews/khabar/newsroom"
)

// TestTwoStepCodeSignsInOnce: the code that turned the second factor on
// signs nobody in, and of two sign-ins racing with the same fresh code
// exactly one gets a session.
func TestTwoStepCodeSignsInOnce(t *testing.T) {
	e := newEnv(t)
	hash, err := auth.Hash("correct horse battery", auth.Params{Time: 1, Memory: 1024, Threads: 1})
	must(t, err)
	u, err := e.store.User(ctx, e.editor.ID)
	must(t, err)
	u.PasswordHash = hash
	must(t, e.store.UpdateUser(ctx, u))

	secret, _ := auth.NewTOTPSecret()
	enabling, _ := auth.TOTPCode(secret, e.clock.now)
	must(t, e.svc.EnableTwoStep(ctx, e.editor, e.editor.ID, secret, enabling))
	creds := newsroom.Credentials{Login: "editor", Password: "correct horse battery", Code: enabling}
	_, _, _, err = e.svc.SignIn(ctx, creds)
	code(t, err, khabar.EUnauthorized)

	e.clock.now = e.clock.now.Add(30 * time.Second) // the next step: a new code
	creds.Code, _ = auth.TOTPCode(secret, e.clock.now)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() { _, _, _, errs[i] = e.svc.SignIn(ctx, creds) })
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch khabar.ErrorCode(err) {
		case "":
			ok++
		case khabar.EUnauthorized:
		default:
			t.Fatalf("a racing sign-in failed otherwise: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d of 4 sign-ins with the same code got a session, want 1", ok)
	}
	// The code of the step before is older than the one used: refused too.
	creds.Code, _ = auth.TOTPCode(secret, e.clock.now.Add(-30*time.Second))
	_, _, _, err = e.svc.SignIn(ctx, creds)
	code(t, err, khabar.EUnauthorized)
}
