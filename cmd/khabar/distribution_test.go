package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/newsletter/mailpittest"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore/sqltest"
	"github.com/khabarnews/khabar/telegram/bottest"
)

func TestDistributionFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--smtp-addr", "mail.example.org"}, "host:port"},
		{[]string{"--smtp-addr", "mail.example.org:587"}, "--mail-from"},
		{[]string{"--smtp-addr", "mail.example.org:587", "--mail-from", "news@example.org", "--smtp-security", "maybe"}, "starttls, tls or none"},
		{[]string{"--wire-max-size", "lots"}, "--wire-max-size"},
		{[]string{"--wire-poll", "-1s"}, "--wire-poll"},
	} {
		_, err := parseServe(c.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error about %s", c.args, err, c.want)
		}
	}
	t.Setenv("KHABAR_SMTP_PASSWORD", "secret")
	c, err := parseServe([]string{"--smtp-addr", "mail.example.org:465", "--smtp-security", "tls", "--smtp-user", "news", "--mail-from", "news@example.org", "--wire-max-size", "512KB"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.dist.smtp == nil || c.dist.smtp.Password != "secret" || c.dist.smtp.Security != "tls" || c.dist.wireMaxBytes != 512<<10 {
		t.Fatalf("config = %+v %+v", c.dist, c.dist.smtp)
	}
}

// TestServeDistributes runs khabar serve configured by its environment
// with a wire feed, an SMTP server (Mailpit) and a Telegram Bot API (the
// stand-in): the feed's items arrive, a reader's subscription sends its
// confirmation, and a publication is posted to the channel.
func TestServeDistributes(t *testing.T) {
	mp := mailpittest.Start(t)
	bot := bottest.Start(t)
	bot.Channel("khabar_ar")
	feed, err := os.ReadFile("../../wire/testdata/rss-ar.xml")
	if err != nil {
		t.Fatal(err)
	}
	agency := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(feed) }))
	defer agency.Close()

	ctx := context.Background()
	dir, dsn := t.TempDir(), sqltest.DSN(t)
	db := openTestStore(t, dir, dsn)
	news := newsroom.New(db, nil, nil, nil)
	src, err := news.SaveSource(ctx, newsroom.Console(), 0, newsroom.SourceInput{Names: khabar.Text{"ar": "تاس"}})
	if err != nil {
		t.Fatal(err)
	}
	u, l := agency.URL+"/rss.xml", "ar"
	if _, err := news.SaveWireFeed(ctx, newsroom.Console(), 0, newsroom.WireFeedInput{SourceID: &src.ID, URL: &u, Lang: &l}); err != nil {
		t.Fatal(err)
	}
	if err := news.SaveChannel(ctx, newsroom.Console(), khabar.Channel{Lang: "ar", ChatID: "@khabar_ar", AutoPost: true}); err != nil {
		t.Fatal(err)
	}

	addr := freeAddr(t)
	for k, v := range map[string]string{"KHABAR_ADDR": addr, "KHABAR_DATA": dir, "KHABAR_DATABASE": dsn, "KHABAR_WIRE_POLL": "100ms",
		"KHABAR_SMTP_ADDR": mp.SMTP, "KHABAR_SMTP_SECURITY": "none", "KHABAR_MAIL_FROM": "news@khabar.test",
		"KHABAR_TELEGRAM_API": bot.URL, "KHABAR_TELEGRAM_TOKEN": bot.Token} {
		t.Setenv(k, v)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var out, logs bytes.Buffer
	errc := make(chan error, 1)
	go func() { errc <- run(runCtx, []string{"serve"}, nil, &out, &logs) }()
	base := "http://" + addr
	waitHealthy(t, base, errc, slower*20*time.Second)

	eventually(t, "the feed's items in the inbox", func() bool {
		_, n, err := db.WireItems(ctx, khabar.WireFilter{Lang: "ar"})
		return err == nil && n == 2
	})
	res, err := http.PostForm(base+"/ar/newsletter", url.Values{"email": {"reader@example.org"}, "agree": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	mp.Wait("reader@example.org", 1, slower*20*time.Second)

	editor := &khabar.User{Login: "editor", Slug: "editor", Names: khabar.Text{"ar": "محرر"}, Role: khabar.RoleEditor}
	if err := db.CreateUser(ctx, editor); err != nil {
		t.Fatal(err)
	}
	st, v, err := news.CreateStory(ctx, editor, newsroom.StoryInput{}, newsroom.VersionInput{Lang: "ar", Title: "خبر للقناة", Body: "<p>نص.</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := news.Transition(ctx, editor, st.ID, "ar", khabar.StatusPublished, time.Time{}, v.Revision); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the publication in the channel", func() bool { return len(bot.Messages("@khabar_ar")) == 1 })
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("serve: %v\n%s", err, logs.String())
	}
	if strings.Contains(logs.String(), bot.Token) {
		t.Error("the logs show the bot's token")
	}
}

// eventually waits for cond, failing the test after a while.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(slower * 20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
