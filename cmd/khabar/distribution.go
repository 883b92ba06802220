package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/khabarnews/khabar"
	"github.com/khabarnews/khabar/i18n"
	"github.com/khabarnews/khabar/newsletter"
	"github.com/khabarnews/khabar/newsroom"
	"github.com/khabarnews/khabar/sqlstore"
	"github.com/khabarnews/khabar/telegram"
	"github.com/khabarnews/khabar/wire"
)

// distConfig is how khabar serve polls the wire and sends newsletters and
// channel posts.
type distConfig struct {
	wirePoll, wireTimeout time.Duration
	wireMaxBytes          int64
	smtp                  *newsletter.SMTP // nil: newsletter messages wait in the outbox
	mailFrom              string
	telegramAPI           string
	telegramToken         string // from the environment only
}

// distributionFlags registers the flags of the wire desk, the newsletters
// and the channels; the function it returns reads them once parsed.
func distributionFlags(fs *flagSet) func() (distConfig, error) {
	poll := fs.Duration("wire-poll", 30*time.Second, "how often to look for wire feeds due for a poll (each feed has its own interval); 0 turns polling off on this node")
	timeout := fs.Duration("wire-timeout", 30*time.Second, "the longest one fetch of a wire feed may take, slow answers included")
	maxSize := fs.String("wire-max-size", "5MB", "the largest wire feed fetched (KB or MB); a larger one is refused whole")
	smtpAddr := fs.String("smtp-addr", "", "host:port of the SMTP server the newsletters are sent through (a relay or a provider's submission server); without it messages wait in the outbox")
	security := fs.String("smtp-security", "starttls", "starttls (upgrade to TLS, refuse a server that cannot), tls (TLS from the start, port 465) or none (a relay on this machine or network)")
	user := fs.String("smtp-user", "", "the SMTP login, if the server wants one; its password comes from $KHABAR_SMTP_PASSWORD only")
	from := fs.String("mail-from", "", "the newsletters' sender address (news@example.org); its name is the site's name in each language")
	api := fs.String("telegram-api", "https://api.telegram.org", "the Telegram Bot API's address; the bot's token comes from $KHABAR_TELEGRAM_TOKEN only")
	return func() (distConfig, error) {
		c := distConfig{wirePoll: *poll, wireTimeout: *timeout, mailFrom: *from, telegramAPI: *api, telegramToken: os.Getenv("KHABAR_TELEGRAM_TOKEN")}
		var err error
		if c.wireMaxBytes, err = parseSize(*maxSize); err != nil {
			return c, fmt.Errorf("--wire-max-size: %w", err)
		}
		if c.wirePoll < 0 || c.wireTimeout <= 0 {
			return c, errors.New("--wire-poll must be 0 (off) or more, --wire-timeout more than 0")
		}
		if *smtpAddr == "" {
			return c, nil
		}
		if _, _, err := net.SplitHostPort(*smtpAddr); err != nil {
			return c, fmt.Errorf("--smtp-addr %q: want host:port", *smtpAddr)
		}
		switch *security {
		case "starttls", "tls", "none":
		default:
			return c, fmt.Errorf("--smtp-security must be starttls, tls or none, not %q", *security)
		}
		if _, err := khabar.NormalizeEmail(*from); err != nil {
			return c, errors.New("--mail-from must be the sender's address when --smtp-addr is set")
		}
		c.smtp = &newsletter.SMTP{Addr: *smtpAddr, Security: *security, Username: *user, Password: os.Getenv("KHABAR_SMTP_PASSWORD"), Timeout: time.Minute}
		if h, err := os.Hostname(); err == nil {
			c.smtp.Hello = h
		}
		return c, nil
	}
}

// parseSize reads "512KB", "5MB" or a number of bytes.
func parseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "MB"):
		mult, s = 1<<20, strings.TrimSuffix(s, "MB")
	case strings.HasSuffix(s, "KB"):
		mult, s = 1<<10, strings.TrimSuffix(s, "KB")
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > 1<<40/mult {
		return 0, fmt.Errorf("%q is not a size (512KB, 5MB)", s)
	}
	return n * mult, nil
}

// nodeName names this process in the claims it makes on shared queues.
func nodeName() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// startDistribution starts the wire poller, the daily digests, the
// newsletter sender and the channel poster; stop ends them, waiting for
// the messages and posts in flight.
func startDistribution(ctx context.Context, c serveConfig, db *sqlstore.DB, blobs khabar.BlobStore, cat *i18n.Catalog,
	news *newsroom.Service, log *slog.Logger) (stop func(), err error) {
	d := c.dist
	node := nodeName()
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	run := func(fn func()) { wg.Add(1); go func() { defer wg.Done(); fn() }() }
	stop = func() { cancel(); wg.Wait() }

	if d.wirePoll > 0 {
		poller := &wire.Poller{Queue: db, Node: node, Log: log,
			Fetcher: wire.NewFetcher(wire.Limits{Timeout: d.wireTimeout, MaxBytes: d.wireMaxBytes}, "Khabar/"+version+" (+"+c.baseURL+")")}
		run(func() { poller.Run(ctx, d.wirePoll) })
	}
	run(func() { news.RunDailyDigests(ctx, time.Minute) })
	if d.smtp != nil {
		comp, err := newsletter.NewComposer(cat, c.baseURL, d.mailFrom)
		if err != nil {
			stop()
			return nil, err
		}
		sender := &newsletter.Sender{Queue: db, Settings: db, Mailer: d.smtp, Composer: comp, Node: node, Log: log}
		run(func() { sender.Run(ctx, 5*time.Second) })
	} else {
		log.Info("newsletter messages wait in the outbox: no --smtp-addr")
	}
	if d.telegramToken != "" {
		poster := &telegram.Poster{Queue: db, Stories: db, Blobs: blobs, Client: telegram.NewClient(d.telegramAPI, d.telegramToken),
			Cat: cat, BaseURL: c.baseURL, Node: node, Log: log}
		run(func() { runPoster(ctx, poster, 2*time.Second, log) })
	} else {
		log.Info("channel posts wait in their queue: no $KHABAR_TELEGRAM_TOKEN")
	}
	return stop, nil
}

// runPoster brings the channels in line every interval until ctx ends.
func runPoster(ctx context.Context, p *telegram.Poster, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := p.PostDue(ctx); err != nil && ctx.Err() == nil {
			log.Error("posting to the channels", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
