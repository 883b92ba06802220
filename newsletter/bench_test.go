package newsletter_test

import (
	"fmt"
	"testing"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsletter/mailpittest"
)

// BenchmarkSendIssue measures the outbox through a real SMTP server
// (Mailpit on this machine): one op is one subscriber's message claimed,
// made (HTML and text), handed over on its own connection and recorded.
func BenchmarkSendIssue(b *testing.B) {
	mp := mailpittest.Start(b)
	o := newOutbox(b, emails(b.N)...)
	snd := o.sender(b, mp.SMTP, "bench")
	b.ResetTimer()
	n, err := snd.SendDue(ctx)
	b.StopTimer()
	if err != nil || n != b.N {
		b.Fatalf("sent %d of %d: %v", n, b.N, err)
	}
	if c := o.counts(b); c[khabar.MailSent] != b.N {
		b.Fatalf("counts %v", c)
	}
}

func emails(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("reader%d@example.org", i)
	}
	return out
}
