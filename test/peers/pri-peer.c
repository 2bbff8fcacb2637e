/*
 * pri-peer: a libpri ISDN peer (PRI or BRI, network or user side) on one D-channel carried over TCP.
 * Commands are read line by line on stdin; events are written as one JSON object per line on stdout.
 * Framing (see docs/test-peers.md): each message is a 2-byte big-endian length and one Q.921 frame,
 * without FCS by default (libpri's two placeholder octets are removed on send and two zero octets
 * are appended on receive), or with a real CRC-16/X.25 FCS in --fcs mode.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libpri.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_TES 8
#define MAX_CALLS 64
#define MAX_FRAME 1024

struct te {
	struct pri *pri;
	int index;
	int tei; /* last TEI seen in this TE's own frames (BRI PTMP user side), -1 unknown */
};

struct call {
	int id;          /* 0 = free slot */
	int te;
	q931_call *c;
	int channel;     /* B-channel number, 0 unknown */
	int incoming;
	int responded;   /* an incoming call: PROCEEDING/ALERTING/PROGRESS/CONNECT sent */
	int hangup_sent; /* pri_hangup called by us */
	int reported;    /* a hangup event was printed */
	const char *state;
};

/* options */
static int opt_listen = -1;
static char opt_listen_host[128] = "127.0.0.1";
static char opt_connect_host[128];
static int opt_connect_port = -1;
static int opt_node = PRI_NETWORK;
static int opt_switch = PRI_SWITCH_EUROISDN_E1;
static int opt_bri = 0;  /* 0 PRI, 1 BRI PTP, 2 BRI PTMP */
static int opt_tes = 1;
static int opt_fcs = 0;
static int opt_dump = 0;
static int opt_debug = 0;
static int opt_auto_proceed = 0;
static int opt_auto_alert = 0;
static int opt_auto_answer = 0;
static int opt_auto_reject = 0; /* cause, 0 = off */
static int opt_manual_connect_ack = 0;
static int opt_overlap = 0;

/* state */
static struct te tes[MAX_TES];
static int ntes;
static int started; /* libpri instances created */
static struct call calls[MAX_CALLS];
static int next_call_id = 1;
static int listen_fd = -1;
static int accepting; /* poll listen_fd for a new connection */
static int sock_fd = -1;
static unsigned char inbuf[65536 + 2];
static size_t inlen;
static char linebuf[4096];
static size_t linelen;
static int quitting;

/* the frame being handed to libpri by io_read */
static unsigned char rx_frame[MAX_FRAME + 2];
static int rx_len = -1;
/* cause location (Q.850 octet 3) of the clearing message being handed to libpri, -1 none */
static int rx_cause_location = -1;

/* ---------- output ---------- */

static char out[16384];
static size_t outpos;

static void o_raw(const char *s)
{
	size_t n = strlen(s);
	if (outpos + n < sizeof(out) - 4) {
		memcpy(out + outpos, s, n);
		outpos += n;
	}
}

static void o_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(out + outpos, sizeof(out) - outpos - 4, fmt, ap);
	va_end(ap);
	if (n > 0) {
		outpos += (size_t)n;
		if (outpos > sizeof(out) - 4)
			outpos = sizeof(out) - 4;
	}
}

static void ev_begin(const char *ev)
{
	outpos = 0;
	o_fmt("{\"ev\":\"%s\"", ev);
}

static void ev_int(const char *key, long v)
{
	o_fmt(",\"%s\":%ld", key, v);
}

static void ev_str(const char *key, const char *s)
{
	o_fmt(",\"%s\":\"", key);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			o_fmt("\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			o_fmt("\\u%04x", *p);
		else
			o_fmt("%c", *p);
	}
	o_raw("\"");
}

static void ev_hex(const char *key, const unsigned char *b, int len)
{
	o_fmt(",\"%s\":\"", key);
	for (int i = 0; i < len; i++)
		o_fmt("%02x", b[i]);
	o_raw("\"");
}

static void ev_end(void)
{
	o_raw("}\n");
	fwrite(out, 1, outpos, stdout);
	fflush(stdout);
	outpos = 0;
}

static void emit_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ev_begin("error");
	ev_str("text", msg);
	ev_end();
}

/* ---------- FCS: CRC-16/X.25 ---------- */

static unsigned short crc16_x25(const unsigned char *b, int len)
{
	unsigned short crc = 0xffff;
	for (int i = 0; i < len; i++) {
		crc ^= b[i];
		for (int k = 0; k < 8; k++)
			crc = (crc & 1) ? (unsigned short)((crc >> 1) ^ 0x8408) : (unsigned short)(crc >> 1);
	}
	return (unsigned short)(crc ^ 0xffff);
}

/* ---------- calls ---------- */

static struct call *call_by_ptr(int te, q931_call *c)
{
	if (!c)
		return NULL;
	for (int i = 0; i < MAX_CALLS; i++)
		if (calls[i].id && calls[i].te == te && calls[i].c == c)
			return &calls[i];
	return NULL;
}

static struct call *call_by_id(int id)
{
	for (int i = 0; i < MAX_CALLS; i++)
		if (calls[i].id && calls[i].id == id)
			return &calls[i];
	return NULL;
}

static struct call *call_new(int te, q931_call *c, int incoming)
{
	for (int i = 0; i < MAX_CALLS; i++) {
		if (!calls[i].id) {
			memset(&calls[i], 0, sizeof(calls[i]));
			calls[i].id = next_call_id++;
			calls[i].te = te;
			calls[i].c = c;
			calls[i].incoming = incoming;
			calls[i].state = incoming ? "ring" : "setup";
			return &calls[i];
		}
	}
	return NULL;
}

static void call_free(struct call *cl)
{
	memset(cl, 0, sizeof(*cl));
}

static int bchan(int channel)
{
	if (channel < 0)
		return -1;
	return channel & 0xff;
}

/* ---------- socket I/O ---------- */

static void dump_frame(const char *dir, int te, const unsigned char *b, int len)
{
	if (!opt_dump)
		return;
	ev_begin(dir);
	ev_int("te", te);
	ev_hex("hex", b, len);
	ev_end();
}

static void sock_send(const unsigned char *frame, int len)
{
	if (sock_fd < 0)
		return;
	unsigned char msg[MAX_FRAME + 4];
	if (len > MAX_FRAME)
		return;
	int total = len + (opt_fcs ? 2 : 0);
	msg[0] = (unsigned char)(total >> 8);
	msg[1] = (unsigned char)total;
	memcpy(msg + 2, frame, (size_t)len);
	if (opt_fcs) {
		unsigned short fcs = crc16_x25(frame, len);
		msg[2 + len] = (unsigned char)(fcs & 0xff);
		msg[3 + len] = (unsigned char)(fcs >> 8);
	}
	size_t off = 0, want = (size_t)total + 2;
	while (off < want) {
		ssize_t n = send(sock_fd, msg + off, want - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd p = { .fd = sock_fd, .events = POLLOUT };
			poll(&p, 1, 1000);
			continue;
		}
		if (n <= 0) {
			emit_error("send: %s", strerror(errno));
			return;
		}
		off += (size_t)n;
	}
}

static int te_index(struct pri *pri)
{
	for (int i = 0; i < ntes; i++)
		if (tes[i].pri == pri)
			return i;
	return 0;
}

static int io_write(struct pri *pri, void *buf, int buflen)
{
	int te = te_index(pri);
	const unsigned char *b = buf;
	int len = buflen - 2; /* libpri appends two FCS placeholder octets */
	if (len < 0)
		return buflen;
	/* on an emulated S0 bus, note the TEI each TE uses for its own links */
	if (opt_bri == 2 && opt_node == PRI_CPE && len >= 2) {
		int sapi = b[0] >> 2, tei = b[1] >> 1;
		if (sapi == 0 && tei != 127 && tei != tes[te].tei) {
			tes[te].tei = tei;
			ev_begin("tei");
			ev_int("te", te);
			ev_int("tei", tei);
			ev_end();
		}
	}
	dump_frame("tx", te, b, len);
	sock_send(b, len);
	return buflen;
}

static int io_read(struct pri *pri, void *buf, int buflen)
{
	(void)pri;
	if (rx_len < 0) {
		errno = EAGAIN;
		return -1;
	}
	int n = rx_len;
	if (n > buflen)
		n = buflen;
	memcpy(buf, rx_frame, (size_t)n);
	rx_len = -1;
	return n;
}

static void pri_msg_cb(struct pri *pri, char *s)
{
	(void)pri;
	fputs(s, stderr);
}

static void pri_err_cb(struct pri *pri, char *s)
{
	(void)pri;
	fputs(s, stderr);
	char text[512];
	snprintf(text, sizeof(text), "%s", s);
	size_t n = strlen(text);
	while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = 0;
	ev_begin("pri_error");
	ev_str("text", text);
	ev_end();
}

/* ---------- libpri events ---------- */

static void send_proceeding(struct call *cl, int channel)
{
	struct pri *pri = tes[cl->te].pri;
	if (channel > 0)
		cl->channel = channel;
	pri_proceeding(pri, cl->c, cl->channel, 0);
	cl->responded = 1;
	cl->state = "proceeding";
}

static void do_hangup(struct call *cl, int cause)
{
	struct pri *pri = tes[cl->te].pri;
	/* libpri silently skips DISCONNECT while an incoming call has had no response yet: send
	 * CALL PROCEEDING first, except for the causes that libpri answers with RELEASE COMPLETE. */
	int release_complete = cl->incoming && !cl->responded &&
			       (cause == 1 || cause == 34 || cause == 44 || cause == 81 || cause == 82);
	if (cl->incoming && !cl->responded && !release_complete)
		send_proceeding(cl, 0);
	cl->hangup_sent = 1;
	cl->state = "releasing";
	pri_hangup(pri, cl->c, cause);
	/* RELEASE COMPLETE went out and libpri destroyed the call at once, with no event to come: forget
	 * it too, or a later call that libpri allocates at the same address would be taken for it. */
	if (release_complete)
		call_free(cl);
}

static void handle_event(int te, pri_event *e)
{
	struct pri *pri = tes[te].pri;
	struct call *cl;
	switch (e->e) {
	case PRI_EVENT_DCHAN_UP:
		ev_begin("dchan_up");
		ev_int("te", te);
		ev_end();
		break;
	case PRI_EVENT_DCHAN_DOWN:
		ev_begin("dchan_down");
		ev_int("te", te);
		ev_end();
		break;
	case PRI_EVENT_RESTART:
		ev_begin("restart");
		ev_int("te", te);
		ev_int("channel", bchan(e->restart.channel));
		ev_end();
		break;
	case PRI_EVENT_RESTART_ACK:
		ev_begin("restart_ack");
		ev_int("te", te);
		ev_int("channel", bchan(e->restartack.channel));
		ev_end();
		break;
	case PRI_EVENT_CONFIG_ERR:
		ev_begin("config_err");
		ev_int("te", te);
		ev_str("text", e->err.err);
		ev_end();
		break;
	case PRI_EVENT_RING: {
		q931_call *c = e->ring.call;
		cl = call_new(te, c, 1);
		if (!cl) {
			emit_error("too many calls");
			pri_hangup(pri, c, PRI_CAUSE_SWITCH_CONGESTION);
			break;
		}
		cl->channel = bchan(e->ring.channel) > 0 && bchan(e->ring.channel) != 0xff ? bchan(e->ring.channel) : 0;
		int calledplan = e->ring.calledplan, callingplan = e->ring.callingplan;
		int pres = e->ring.callingpres;
		ev_begin("ring");
		ev_int("id", cl->id);
		ev_int("te", te);
		ev_int("channel", bchan(e->ring.channel));
		ev_int("exclusive", e->ring.flexible ? 0 : 1);
		ev_str("called", e->ring.callednum);
		ev_str("calling", e->ring.callingnum);
		ev_int("called_ton", calledplan >= 0 ? (calledplan >> 4) & 7 : -1);
		ev_int("called_plan", calledplan >= 0 ? calledplan & 0xf : -1);
		ev_int("calling_ton", callingplan >= 0 ? (callingplan >> 4) & 7 : -1);
		ev_int("calling_plan", callingplan >= 0 ? callingplan & 0xf : -1);
		ev_int("calling_pres", pres >= 0 ? (pres >> 5) & 3 : -1);
		ev_int("calling_screen", pres >= 0 ? pres & 3 : -1);
		ev_int("complete", e->ring.complete);
		ev_int("bearer", e->ring.ctype);
		ev_int("layer1", e->ring.layer1);
		ev_int("cref", e->ring.cref);
		/* redirecting number (0x74): libpri keeps octet 3 as callingplanrdnis, octet 3b's reason as sent */
		int rdnis = e->ring.redirectingnum[0] != '\0';
		ev_str("redirecting", e->ring.redirectingnum);
		ev_int("redirecting_ton", rdnis ? (e->ring.callingplanrdnis >> 4) & 7 : -1);
		ev_int("redirecting_plan", rdnis ? e->ring.callingplanrdnis & 0xf : -1);
		ev_int("redirecting_reason", rdnis ? e->ring.redirectingreason : -1);
		ev_end();
		if (opt_auto_reject) {
			do_hangup(cl, opt_auto_reject);
		} else if (opt_auto_answer) {
			send_proceeding(cl, 0);
			pri_acknowledge(pri, cl->c, cl->channel, 0);
			pri_answer(pri, cl->c, cl->channel, 0);
			cl->state = "answered";
		} else if (opt_auto_alert) {
			send_proceeding(cl, 0);
			pri_acknowledge(pri, cl->c, cl->channel, 0);
			cl->state = "alerting";
		} else if (opt_auto_proceed) {
			send_proceeding(cl, 0);
		}
		break;
	}
	case PRI_EVENT_PROCEEDING:
		cl = call_by_ptr(te, e->proceeding.call);
		if (cl) {
			if (bchan(e->proceeding.channel) > 0 && bchan(e->proceeding.channel) != 0xff)
				cl->channel = bchan(e->proceeding.channel);
			cl->state = "proceeding";
		}
		ev_begin("proceeding");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->proceeding.channel));
		ev_int("progress", e->proceeding.progress);
		ev_int("progressmask", e->proceeding.progressmask);
		ev_end();
		break;
	case PRI_EVENT_PROGRESS:
		cl = call_by_ptr(te, e->proceeding.call);
		ev_begin("progress");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->proceeding.channel));
		ev_int("progress", e->proceeding.progress);
		ev_int("progressmask", e->proceeding.progressmask);
		ev_int("cause", e->proceeding.cause);
		ev_end();
		break;
	case PRI_EVENT_SETUP_ACK:
		cl = call_by_ptr(te, e->setup_ack.call);
		if (cl)
			cl->state = "overlap_sending";
		ev_begin("setup_ack");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->setup_ack.channel));
		ev_end();
		break;
	case PRI_EVENT_RINGING:
		cl = call_by_ptr(te, e->ringing.call);
		if (cl)
			cl->state = "alerting";
		ev_begin("alerting");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->ringing.channel));
		ev_int("progress", e->ringing.progress);
		ev_int("progressmask", e->ringing.progressmask);
		ev_end();
		break;
	case PRI_EVENT_ANSWER:
		cl = call_by_ptr(te, e->answer.call);
		if (cl)
			cl->state = "active";
		if (!opt_manual_connect_ack)
			pri_connect_ack(pri, e->answer.call, 0);
		ev_begin("answer");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->answer.channel));
		ev_int("progress", e->answer.progress);
		ev_int("progressmask", e->answer.progressmask);
		ev_end();
		break;
	case PRI_EVENT_CONNECT_ACK:
		cl = call_by_ptr(te, e->connect_ack.call);
		if (cl)
			cl->state = "active";
		ev_begin("connect_ack");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->connect_ack.channel));
		ev_end();
		break;
	case PRI_EVENT_HANGUP_REQ: {
		/* DISCONNECT received: answer with RELEASE */
		q931_call *c = e->hangup.call;
		int cause = e->hangup.cause;
		int channel = bchan(e->hangup.channel);
		cl = call_by_ptr(te, c);
		if (!cl || !cl->reported) {
			ev_begin("hangup");
			ev_int("id", cl ? cl->id : -1);
			ev_int("te", te);
			ev_int("channel", channel);
			ev_int("cause", cause);
			if (rx_cause_location >= 0)
				ev_int("location", rx_cause_location);
			ev_str("msg", "disconnect");
			ev_end();
		}
		if (cl) {
			cl->reported = 1;
			cl->hangup_sent = 1;
			cl->state = "releasing";
		}
		pri_hangup(pri, c, cause);
		break;
	}
	case PRI_EVENT_HANGUP: {
		/* RELEASE / RELEASE COMPLETE received (or a timeout): hang up again so libpri frees the call */
		q931_call *c = e->hangup.call;
		int cause = e->hangup.cause;
		int channel = bchan(e->hangup.channel);
		cl = call_by_ptr(te, c);
		if (!cl || !cl->reported) {
			/* our own DISCONNECT answered by RELEASE is an acknowledgement, not a new hang-up */
			ev_begin(cl && cl->hangup_sent ? "hangup_ack" : "hangup");
			ev_int("id", cl ? cl->id : -1);
			ev_int("te", te);
			ev_int("channel", channel);
			ev_int("cause", cause);
			if (rx_cause_location >= 0)
				ev_int("location", rx_cause_location);
			ev_str("msg", "release");
			ev_end();
		}
		if (cl)
			call_free(cl);
		if (c)
			pri_hangup(pri, c, cause);
		break;
	}
	case PRI_EVENT_HANGUP_ACK:
		cl = call_by_ptr(te, e->hangup.call);
		ev_begin("hangup_ack");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("channel", bchan(e->hangup.channel));
		ev_int("cause", e->hangup.cause);
		if (rx_cause_location >= 0)
			ev_int("location", rx_cause_location);
		ev_end();
		if (cl)
			call_free(cl);
		break;
	case PRI_EVENT_INFO_RECEIVED:
		cl = call_by_ptr(te, e->ring.call);
		ev_begin("info_received");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_str("digits", e->ring.callednum);
		ev_int("complete", e->ring.complete);
		ev_end();
		break;
	case PRI_EVENT_KEYPAD_DIGIT:
		cl = call_by_ptr(te, e->digit.call);
		ev_begin("keypad_digit");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_str("digits", e->digit.digits);
		ev_end();
		break;
	case PRI_EVENT_NOTIFY:
		cl = call_by_ptr(te, e->notify.call);
		ev_begin("notify");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_int("info", e->notify.info);
		ev_end();
		break;
	case PRI_EVENT_FACILITY:
		cl = call_by_ptr(te, e->facility.call);
		ev_begin("facility");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_end();
		break;
	case PRI_EVENT_SERVICE:
	case PRI_EVENT_SERVICE_ACK:
		ev_begin(e->e == PRI_EVENT_SERVICE ? "service" : "service_ack");
		ev_int("te", te);
		ev_int("channel", bchan(e->service.channel));
		ev_int("changestatus", e->service.changestatus);
		ev_end();
		break;
	case PRI_EVENT_HOLD:
		/* hold is not offered by this peer: refuse it so the far end is not left waiting */
		cl = call_by_ptr(te, e->hold.call);
		ev_begin("hold");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_end();
		pri_hold_rej(pri, e->hold.call, PRI_CAUSE_FACILITY_NOT_IMPLEMENTED);
		break;
	case PRI_EVENT_RETRIEVE:
		cl = call_by_ptr(te, e->retrieve.call);
		ev_begin("retrieve");
		ev_int("id", cl ? cl->id : -1);
		ev_int("te", te);
		ev_end();
		pri_retrieve_rej(pri, e->retrieve.call, PRI_CAUSE_FACILITY_NOT_IMPLEMENTED);
		break;
	default:
		ev_begin("other");
		ev_int("te", te);
		ev_int("e", e->e);
		ev_str("name", pri_event2str(e->e));
		ev_end();
		break;
	}
}

/* ---------- libpri instances ---------- */

static void start_pri(void)
{
	if (started)
		return;
	started = 1;
	ntes = (opt_bri == 2 && opt_node == PRI_CPE) ? opt_tes : 1;
	for (int i = 0; i < ntes; i++) {
		struct pri *p;
		if (opt_bri)
			p = pri_new_bri_cb(-1, opt_bri == 1, opt_node, opt_switch, io_read, io_write, NULL);
		else
			p = pri_new_cb(-1, opt_node, opt_switch, io_read, io_write, NULL);
		if (!p) {
			emit_error("libpri: cannot create D-channel %d", i);
			exit(1);
		}
		tes[i].pri = p;
		tes[i].index = i;
		tes[i].tei = -1;
		/* libpri reports PRI_EVENT_CONNECT_ACK only when the upper layer sends CONNECT ACKNOWLEDGE
		 * itself: take that role (sent on PRI_EVENT_ANSWER unless --manual-connect-ack) */
		pri_connect_ack_enable(p, 1);
		if (opt_overlap)
			pri_set_overlapdial(p, 1);
		pri_set_debug(p, opt_debug ? (PRI_DEBUG_Q921_DUMP | PRI_DEBUG_Q921_STATE | PRI_DEBUG_Q931_DUMP |
					       PRI_DEBUG_Q931_STATE | PRI_DEBUG_Q931_ANOMALY)
				     : 0);
	}
}

/* The cause location of a DISCONNECT, RELEASE or RELEASE COMPLETE in an I or UI frame: libpri's
 * hangup events carry the cause value only. */
static int cause_location(const unsigned char *b, int len)
{
	int i;
	if (len < 3)
		return -1;
	if ((b[2] & 1) == 0)
		i = 4; /* I frame */
	else if ((b[2] & 0xef) == 0x03)
		i = 3; /* UI frame */
	else
		return -1;
	if (i + 3 > len || b[i] != 0x08)
		return -1;
	i += 2 + (b[i + 1] & 0x0f);
	if (i >= len)
		return -1;
	int mt = b[i++];
	if (mt != 0x45 && mt != 0x4d && mt != 0x5a)
		return -1;
	while (i < len) {
		int id = b[i];
		if (id & 0x80) {
			i++;
			continue;
		}
		if (i + 1 >= len)
			return -1;
		int ielen = b[i + 1];
		if (id == 0x08 && ielen >= 2 && i + 2 < len)
			return b[i + 2] & 0x0f;
		i += 2 + ielen;
	}
	return -1;
}

static void feed_frame(const unsigned char *b, int len)
{
	if (opt_fcs) {
		if (len < 3 + 2 || crc16_x25(b, len - 2) != (unsigned short)(b[len - 2] | (b[len - 1] << 8))) {
			ev_begin("fcs_error");
			ev_int("len", len);
			ev_hex("hex", b, len);
			ev_end();
			return;
		}
		len -= 2;
	}
	if (len > MAX_FRAME) {
		emit_error("frame of %d octets dropped", len);
		return;
	}
	dump_frame("rx", ntes > 1 ? -1 : 0, b, len);
	rx_cause_location = cause_location(b, len);
	/* every frame goes to every TE, as on an S0 bus (only one instance otherwise) */
	for (int i = 0; i < ntes; i++) {
		memcpy(rx_frame, b, (size_t)len);
		rx_frame[len] = 0;
		rx_frame[len + 1] = 0;
		rx_len = len + 2;
		pri_event *e = pri_check_event(tes[i].pri);
		rx_len = -1;
		if (e)
			handle_event(i, e);
	}
	rx_cause_location = -1;
}

static void run_timers(void)
{
	for (int i = 0; i < ntes; i++) {
		for (int guard = 0; guard < 100; guard++) {
			struct timeval *next = pri_schedule_next(tes[i].pri);
			if (!next)
				break;
			struct timeval now;
			gettimeofday(&now, NULL);
			if (timercmp(next, &now, >))
				break;
			pri_event *e = pri_schedule_run(tes[i].pri);
			if (e)
				handle_event(i, e);
		}
	}
}

static int poll_timeout_ms(void)
{
	long best = -1;
	struct timeval now;
	gettimeofday(&now, NULL);
	for (int i = 0; i < ntes; i++) {
		struct timeval *next = pri_schedule_next(tes[i].pri);
		if (!next)
			continue;
		long ms = (next->tv_sec - now.tv_sec) * 1000 + (next->tv_usec - now.tv_usec) / 1000;
		if (ms < 0)
			ms = 0;
		if (best < 0 || ms < best)
			best = ms;
	}
	if (best > 60000)
		best = 60000;
	return (int)best;
}

/* ---------- connections ---------- */

static void set_sock_opts(int fd)
{
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void on_connected(void)
{
	inlen = 0;
	ev_begin("connected");
	ev_end();
	start_pri();
}

static void sock_close(const char *why)
{
	if (sock_fd < 0)
		return;
	close(sock_fd);
	sock_fd = -1;
	inlen = 0;
	ev_begin("disconnected");
	ev_str("reason", why);
	ev_end();
}

static void do_connect(void)
{
	char port[16];
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *res, *ai;
	snprintf(port, sizeof(port), "%d", opt_connect_port);
	int rc = getaddrinfo(opt_connect_host, port, &hints, &res);
	if (rc) {
		emit_error("connect %s:%s: %s", opt_connect_host, port, gai_strerror(rc));
		return;
	}
	int fd = -1;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
		if (fd < 0)
			continue;
		if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd < 0) {
		emit_error("connect %s:%s: %s", opt_connect_host, port, strerror(errno));
		return;
	}
	set_sock_opts(fd);
	sock_fd = fd;
	on_connected();
}

static void do_listen(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((unsigned short)opt_listen) };
	if (inet_pton(AF_INET, opt_listen_host, &sa.sin_addr) != 1) {
		emit_error("bad listen address %s", opt_listen_host);
		exit(2);
	}
	listen_fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&sa, sizeof(sa)) || listen(listen_fd, 4)) {
		emit_error("listen %s:%d: %s", opt_listen_host, opt_listen, strerror(errno));
		exit(2);
	}
	socklen_t sl = sizeof(sa);
	getsockname(listen_fd, (struct sockaddr *)&sa, &sl);
	accepting = 1;
	ev_begin("ready");
	ev_int("port", ntohs(sa.sin_port));
	ev_end();
}

static void do_accept(void)
{
	int fd = accept(listen_fd, NULL, NULL);
	if (fd < 0)
		return;
	if (sock_fd >= 0) { /* one D-channel at a time */
		close(fd);
		return;
	}
	set_sock_opts(fd);
	sock_fd = fd;
	accepting = 0;
	on_connected();
}

static void sock_readable(void)
{
	ssize_t n = recv(sock_fd, inbuf + inlen, sizeof(inbuf) - inlen, 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		sock_close(n == 0 ? "closed by peer" : strerror(errno));
		if (listen_fd >= 0)
			accepting = 1;
		return;
	}
	inlen += (size_t)n;
	size_t off = 0;
	while (inlen - off >= 2) {
		size_t len = ((size_t)inbuf[off] << 8) | inbuf[off + 1];
		if (inlen - off < 2 + len)
			break;
		feed_frame(inbuf + off + 2, (int)len);
		off += 2 + len;
		if (sock_fd < 0)
			return;
	}
	memmove(inbuf, inbuf + off, inlen - off);
	inlen -= off;
}

/* ---------- commands ---------- */

static int need_call(const char *arg, struct call **out)
{
	int id = arg ? atoi(arg) : 0;
	*out = call_by_id(id);
	if (!*out) {
		emit_error("no call %s", arg ? arg : "(missing id)");
		return 0;
	}
	return 1;
}

static void cmd_call(char **argv, int argc)
{
	if (argc < 4) {
		emit_error("usage: call TE CALLED CALLING [CHANNEL [exclusive|preferred]] [ton=N] [calling_ton=N] "
			   "[pres=allowed|restricted] [complete=0|1] [redirecting=DIGITS[,REASON]]");
		return;
	}
	int te = atoi(argv[1]);
	if (te < 0 || te >= ntes || !started) {
		emit_error("no TE %s", argv[1]);
		return;
	}
	int channel = 1, exclusive = 1, ton = PRI_TON_NATIONAL, calling_ton = PRI_TON_NATIONAL, complete = 1;
	int pres = PRES_ALLOWED_USER_NUMBER_NOT_SCREENED;
	char *redirecting = NULL;
	int redirecting_reason = PRI_REDIR_UNKNOWN;
	for (int i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "exclusive"))
			exclusive = 1;
		else if (!strcmp(argv[i], "preferred"))
			exclusive = 0;
		else if (!strncmp(argv[i], "ton=", 4))
			ton = atoi(argv[i] + 4);
		else if (!strncmp(argv[i], "calling_ton=", 12))
			calling_ton = atoi(argv[i] + 12);
		else if (!strcmp(argv[i], "pres=allowed"))
			pres = PRES_ALLOWED_USER_NUMBER_NOT_SCREENED;
		else if (!strcmp(argv[i], "pres=restricted"))
			pres = PRES_PROHIB_USER_NUMBER_NOT_SCREENED;
		else if (!strncmp(argv[i], "complete=", 9))
			complete = atoi(argv[i] + 9);
		else if (!strncmp(argv[i], "redirecting=", 12)) {
			redirecting = argv[i] + 12;
			char *comma = strchr(redirecting, ',');
			if (comma) {
				*comma = '\0';
				redirecting_reason = atoi(comma + 1);
			}
		} else if (argv[i][0] >= '0' && argv[i][0] <= '9')
			channel = atoi(argv[i]);
		else {
			emit_error("call: unknown argument %s", argv[i]);
			return;
		}
	}
	struct pri *pri = tes[te].pri;
	q931_call *c = pri_new_call(pri);
	if (!c) {
		emit_error("pri_new_call failed");
		return;
	}
	struct call *cl = call_new(te, c, 0);
	if (!cl) {
		emit_error("too many calls");
		pri_destroycall(pri, c);
		return;
	}
	cl->channel = channel;
	int layer1 = (opt_switch == PRI_SWITCH_EUROISDN_E1 || opt_switch == PRI_SWITCH_EUROISDN_T1) ? PRI_LAYER_1_ALAW
												  : PRI_LAYER_1_ULAW;
	struct pri_sr *sr = pri_sr_new();
	pri_sr_set_channel(sr, channel, exclusive, 0);
	pri_sr_set_bearer(sr, PRI_TRANS_CAP_SPEECH, layer1);
	pri_sr_set_called(sr, argv[2], (ton << 4) | PRI_NPI_E163_E164, complete);
	pri_sr_set_caller(sr, !strcmp(argv[3], "-") ? NULL : argv[3], NULL, (calling_ton << 4) | PRI_NPI_E163_E164,
			  pres);
	/* octet 3b carries the reason's low 4 bits as given (the Q.931 code) */
	if (redirecting)
		pri_sr_set_redirecting(sr, redirecting, (PRI_TON_NATIONAL << 4) | PRI_NPI_E163_E164,
				       PRES_ALLOWED_USER_NUMBER_NOT_SCREENED, redirecting_reason);
	int rc = pri_setup(pri, c, sr);
	pri_sr_free(sr);
	ev_begin("calling");
	ev_int("id", cl->id);
	ev_int("te", te);
	ev_int("rc", rc);
	ev_end();
	if (rc) {
		emit_error("pri_setup failed (%d)", rc);
		call_free(cl);
	}
}

static void cmd_status(void)
{
	ev_begin("status");
	o_fmt(",\"connected\":%s", sock_fd >= 0 ? "true" : "false");
	o_raw(",\"calls\":[");
	int first = 1;
	for (int i = 0; i < MAX_CALLS; i++) {
		if (!calls[i].id)
			continue;
		o_fmt("%s{\"id\":%d,\"te\":%d,\"channel\":%d,\"incoming\":%d,\"state\":\"%s\"}", first ? "" : ",",
		      calls[i].id, calls[i].te, calls[i].channel, calls[i].incoming, calls[i].state);
		first = 0;
	}
	o_raw("]");
	ev_end();
}

static void run_command(char *line)
{
	char *argv[32];
	int argc = 0;
	for (char *t = strtok(line, " \t\r"); t && argc < 32; t = strtok(NULL, " \t\r"))
		argv[argc++] = t;
	if (!argc)
		return;
	const char *cmd = argv[0];
	struct call *cl;
	if (!strcmp(cmd, "quit")) {
		quitting = 1;
		return;
	}
	if (!strcmp(cmd, "status")) {
		cmd_status();
		return;
	}
	if (!strcmp(cmd, "drop")) {
		sock_close("drop");
		accepting = 0;
		return;
	}
	if (!strcmp(cmd, "reconnect")) {
		if (sock_fd >= 0)
			sock_close("reconnect");
		if (listen_fd >= 0)
			accepting = 1;
		else
			do_connect();
		return;
	}
	if (!started) {
		emit_error("%s: not connected yet", cmd);
		return;
	}
	if (!strcmp(cmd, "call")) {
		cmd_call(argv, argc);
	} else if (!strcmp(cmd, "proceeding")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl))
			send_proceeding(cl, argc > 2 ? atoi(argv[2]) : 0);
	} else if (!strcmp(cmd, "setup_ack")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl)) {
			if (argc > 2)
				cl->channel = atoi(argv[2]);
			pri_setup_ack(tes[cl->te].pri, cl->c, cl->channel, 0, argc > 3 && !strcmp(argv[3], "inband"));
			cl->responded = 1;
			cl->state = "overlap_receiving";
		}
	} else if (!strcmp(cmd, "alert")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl)) {
			int inband = argc > 2 && !strcmp(argv[2], "inband");
			pri_acknowledge(tes[cl->te].pri, cl->c, cl->channel, inband);
			cl->responded = 1;
			cl->state = "alerting";
		}
	} else if (!strcmp(cmd, "progress")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl)) {
			pri_progress(tes[cl->te].pri, cl->c, cl->channel, 1);
			cl->responded = 1;
		}
	} else if (!strcmp(cmd, "answer")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl)) {
			pri_answer(tes[cl->te].pri, cl->c, cl->channel, 0);
			cl->responded = 1;
			cl->state = "answered";
		}
	} else if (!strcmp(cmd, "connect_ack")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl))
			pri_connect_ack(tes[cl->te].pri, cl->c, 0);
	} else if (!strcmp(cmd, "hangup")) {
		if (need_call(argc > 1 ? argv[1] : NULL, &cl)) {
			int cause = argc > 2 ? atoi(argv[2]) : PRI_CAUSE_NORMAL_CLEARING;
			if (cl->hangup_sent)
				emit_error("hangup: call %d is already clearing", cl->id);
			else
				do_hangup(cl, cause);
		}
	} else if (!strcmp(cmd, "info")) {
		if (argc < 3)
			emit_error("usage: info ID DIGITS");
		else if (need_call(argv[1], &cl))
			for (const char *d = argv[2]; *d; d++)
				pri_information(tes[cl->te].pri, cl->c, *d);
	} else if (!strcmp(cmd, "restart")) {
		if (argc < 2)
			emit_error("usage: restart CHANNEL|all");
		else if (!strcmp(argv[1], "all"))
			/* pri_restart() is a no-op in libpri 1.6 and pri_reset() refuses channel 0 */
			emit_error("restart all: libpri 1.6 cannot send RESTART for a whole interface; restart channels one by one");
		else if (atoi(argv[1]) <= 0)
			emit_error("restart: bad channel %s", argv[1]);
		else
			pri_reset(tes[0].pri, atoi(argv[1]));
	} else {
		emit_error("unknown command %s", cmd);
	}
}

static void stdin_readable(void)
{
	ssize_t n = read(0, linebuf + linelen, sizeof(linebuf) - 1 - linelen);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		quitting = 1; /* stdin closed: the controlling process is gone */
		return;
	}
	linelen += (size_t)n;
	char *start = linebuf, *nl;
	while ((nl = memchr(start, '\n', linelen - (size_t)(start - linebuf)))) {
		*nl = 0;
		run_command(start);
		start = nl + 1;
	}
	linelen -= (size_t)(start - linebuf);
	memmove(linebuf, start, linelen);
	if (linelen == sizeof(linebuf) - 1) {
		emit_error("command line too long");
		linelen = 0;
	}
}

/* ---------- main ---------- */

static void usage(void)
{
	fprintf(stderr,
		"usage: pri-peer (--listen [HOST:]PORT | --connect HOST:PORT) [--node net|cpe]\n"
		"  [--switch euroisdn_e1|euroisdn_t1|ni2|dms100|5ess] [--bri ptp|ptmp] [--tes N] [--fcs]\n"
		"  [--dump] [--debug] [--auto-proceed] [--auto-alert] [--auto-answer] [--auto-reject CAUSE]\n"
		"  [--manual-connect-ack] [--overlap]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen", required_argument, NULL, 'l' },   { "connect", required_argument, NULL, 'c' },
		{ "node", required_argument, NULL, 'n' },     { "switch", required_argument, NULL, 's' },
		{ "bri", required_argument, NULL, 'b' },      { "tes", required_argument, NULL, 't' },
		{ "fcs", no_argument, NULL, 'f' },            { "dump", no_argument, NULL, 'd' },
		{ "debug", no_argument, NULL, 'D' },          { "auto-proceed", no_argument, NULL, 'P' },
		{ "auto-alert", no_argument, NULL, 'L' },     { "auto-answer", no_argument, NULL, 'A' },
		{ "auto-reject", required_argument, NULL, 'R' }, { "manual-connect-ack", no_argument, NULL, 'M' },
		{ "overlap", no_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'l': {
			char *colon = strrchr(optarg, ':');
			if (colon) {
				snprintf(opt_listen_host, sizeof(opt_listen_host), "%.*s", (int)(colon - optarg), optarg);
				opt_listen = atoi(colon + 1);
			} else {
				opt_listen = atoi(optarg);
			}
			break;
		}
		case 'c': {
			char *colon = strrchr(optarg, ':');
			if (!colon)
				usage();
			snprintf(opt_connect_host, sizeof(opt_connect_host), "%.*s", (int)(colon - optarg), optarg);
			opt_connect_port = atoi(colon + 1);
			break;
		}
		case 'n':
			if (!strcmp(optarg, "net"))
				opt_node = PRI_NETWORK;
			else if (!strcmp(optarg, "cpe"))
				opt_node = PRI_CPE;
			else
				usage();
			break;
		case 's':
			if (!strcmp(optarg, "euroisdn_e1"))
				opt_switch = PRI_SWITCH_EUROISDN_E1;
			else if (!strcmp(optarg, "euroisdn_t1"))
				opt_switch = PRI_SWITCH_EUROISDN_T1;
			else if (!strcmp(optarg, "ni2"))
				opt_switch = PRI_SWITCH_NI2;
			else if (!strcmp(optarg, "dms100"))
				opt_switch = PRI_SWITCH_DMS100;
			else if (!strcmp(optarg, "5ess"))
				opt_switch = PRI_SWITCH_LUCENT5E;
			else
				usage();
			break;
		case 'b':
			if (!strcmp(optarg, "ptp"))
				opt_bri = 1;
			else if (!strcmp(optarg, "ptmp"))
				opt_bri = 2;
			else
				usage();
			break;
		case 't':
			opt_tes = atoi(optarg);
			if (opt_tes < 1 || opt_tes > MAX_TES)
				usage();
			break;
		case 'f': opt_fcs = 1; break;
		case 'd': opt_dump = 1; break;
		case 'D': opt_debug = 1; break;
		case 'P': opt_auto_proceed = 1; break;
		case 'L': opt_auto_alert = 1; break;
		case 'A': opt_auto_answer = 1; break;
		case 'M': opt_manual_connect_ack = 1; break;
		case 'O': opt_overlap = 1; break;
		case 'R':
			opt_auto_reject = atoi(optarg);
			if (opt_auto_reject < 1 || opt_auto_reject > 127)
				usage();
			break;
		default: usage();
		}
	}
	if ((opt_listen < 0) == (opt_connect_port < 0))
		usage();
	if (opt_tes > 1 && !(opt_bri == 2 && opt_node == PRI_CPE)) {
		fprintf(stderr, "pri-peer: --tes needs --bri ptmp --node cpe\n");
		exit(2);
	}
	signal(SIGPIPE, SIG_IGN);
	/* libpri takes the TEI request's Ri from random(): seed it, or every TE asks with the same Ri */
	srandom((unsigned)getpid() ^ (unsigned)time(NULL));
	pri_set_message(pri_msg_cb);
	pri_set_error(pri_err_cb);
	fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);

	if (opt_listen >= 0) {
		do_listen();
	} else {
		ev_begin("ready");
		ev_end();
		do_connect();
	}

	while (!quitting) {
		struct pollfd pfd[3];
		int nfds = 0, i_stdin, i_listen = -1, i_sock = -1;
		pfd[nfds] = (struct pollfd){ .fd = 0, .events = POLLIN };
		i_stdin = nfds++;
		if (listen_fd >= 0 && accepting && sock_fd < 0) {
			pfd[nfds] = (struct pollfd){ .fd = listen_fd, .events = POLLIN };
			i_listen = nfds++;
		}
		if (sock_fd >= 0) {
			pfd[nfds] = (struct pollfd){ .fd = sock_fd, .events = POLLIN };
			i_sock = nfds++;
		}
		int timeout = started ? poll_timeout_ms() : -1;
		int rc = poll(pfd, (nfds_t)nfds, timeout);
		if (rc < 0 && errno != EINTR) {
			emit_error("poll: %s", strerror(errno));
			break;
		}
		if (rc > 0) {
			if (i_sock >= 0 && (pfd[i_sock].revents & (POLLIN | POLLHUP | POLLERR)) && sock_fd >= 0)
				sock_readable();
			if (i_listen >= 0 && (pfd[i_listen].revents & POLLIN))
				do_accept();
			if (pfd[i_stdin].revents & (POLLIN | POLLHUP | POLLERR))
				stdin_readable();
		}
		if (started)
			run_timers();
	}
	if (sock_fd >= 0)
		close(sock_fd);
	ev_begin("bye");
	ev_end();
	return 0;
}
