//! One SSH connection: the class code (keyboard-interactive or password, nothing else), one
//! session channel with a pty and a shell — the trainer — and a clear refusal for everything
//! else (commands, subsystems, forwarding, agent, X11, environment). The handler runs inside
//! russh's connection loop, so it never waits on anything slow: input goes to the learner's
//! task through a bounded inbox, and a full inbox drops input rather than stall.

use crate::i18n::{Arg, Locale, Phrase, Value};
use std::borrow::Cow;
use std::net::SocketAddr;
use std::sync::Arc;

use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Response, Session};
use russh::{Channel, ChannelId, ChannelWriteHalf, MethodKind, MethodSet};
use tokio::sync::mpsc;

use super::Shared;
use super::learner::{INBOX, ToLearner};
use super::limits::clamp_size;

/// The most class-code attempts on one connection.
pub const ATTEMPTS: u32 = 3;

pub struct Connection {
    pub shared: Arc<Shared>,
    pub addr: Option<SocketAddr>,
    /// Refused on arrival (too many connections from its address): every login fails.
    pub refused: bool,
    attempts: u32,
    user: Option<String>,
    channel: Option<ChannelId>,
    write: Option<ChannelWriteHalf<Msg>>,
    pty: Option<(u16, u16)>,
    inbox: Option<mpsc::Sender<ToLearner>>,
}

impl Connection {
    pub fn new(shared: Arc<Shared>, addr: Option<SocketAddr>, refused: bool) -> Connection {
        Connection {
            shared,
            addr,
            refused,
            attempts: 0,
            user: None,
            channel: None,
            write: None,
            pty: None,
            inbox: None,
        }
    }

    fn methods() -> MethodSet {
        MethodSet::from(&[MethodKind::KeyboardInteractive, MethodKind::Password][..])
    }

    fn reject() -> Auth {
        Auth::Reject { proceed_with_methods: Some(Connection::methods()), partial_success: false }
    }

    /// Checks a class code typed for `user`.
    fn check(&mut self, user: &str, given: &str) -> Auth {
        let ip = self.addr.map(|a| a.ip());
        if self.refused || self.attempts >= ATTEMPTS || ip.is_some_and(|ip| self.shared.limiter.blocked(ip)) {
            return Auth::reject();
        }
        self.attempts += 1;
        if super::names::code_matches(given, &self.shared.code) {
            self.user = Some(user.to_string());
            return Auth::Accept;
        }
        if let Some(ip) = ip {
            self.shared.limiter.failed(ip);
        }
        let who = super::names::login(user).name;
        self.shared.room.event(Phrase::new("serve.event_wrong_code").with("who", who).with("from", self.from()));
        Connection::reject()
    }

    fn from(&self) -> Value {
        match self.addr {
            Some(a) => Value::Str(a.ip().to_string()),
            None => Value::Phrase(Box::new(Phrase::new("serve.event_unknown_address"))),
        }
    }

    /// Says why on the channel's stderr, then closes it.
    fn refuse(session: &mut Session, channel: ChannelId, why: &str) -> Result<(), russh::Error> {
        session.extended_data(channel, 1, format!("smishdrill: {why}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }
}

fn no_commands(t: &Locale, port: u16) -> String {
    t.fmt("serve.no_commands", &[("command", Arg::Str(&format!("ssh -p {port} NAME@HOST")))])
}

fn needs_pty(t: &Locale, port: u16) -> String {
    let command = format!("ssh -p {port} NAME@HOST");
    t.fmt("serve.needs_pty", &[("option", Arg::Str("-T")), ("command", Arg::Str(&command))])
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn authentication_banner(&mut self) -> Result<Option<String>, Self::Error> {
        Ok(self.refused.then(|| format!("{}\r\n", self.shared.locale.text("serve.too_many"))))
    }

    async fn auth_none(&mut self, _user: &str) -> Result<Auth, Self::Error> {
        Ok(Connection::reject())
    }

    async fn auth_publickey_offered(&mut self, _user: &str, _offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        Ok(Connection::reject())
    }

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        Ok(self.check(user, password))
    }

    async fn auth_keyboard_interactive<'a>(
        &'a mut self,
        user: &str,
        _submethods: &str,
        response: Option<Response<'a>>,
    ) -> Result<Auth, Self::Error> {
        let Some(mut response) = response else {
            return Ok(Auth::Partial {
                name: Cow::Borrowed("smishdrill"),
                instructions: Cow::Owned(self.shared.locale.text("serve.login_instructions").into_owned()),
                prompts: Cow::Owned(vec![(
                    Cow::Owned(format!("{}: ", self.shared.locale.text("serve.login_prompt"))),
                    false,
                )]),
            });
        };
        let given = response.next().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        Ok(self.check(user, &given))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        if self.channel.is_some() {
            reply.reject(russh::ChannelOpenFailure::AdministrativelyProhibited).await;
            return Ok(());
        }
        self.channel = Some(channel.id());
        reply.accept().await;
        // Only the write half is kept: input arrives through `data`, and with the read half
        // gone russh never waits for anyone to read it.
        let (_read, write) = channel.split();
        self.write = Some(write);
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        _term: &str,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(russh::Pty, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.pty = Some(clamp_size(cols, rows));
        session.channel_success(channel)
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let (Some(size), Some(user)) = (self.pty, self.user.clone()) else {
            session.channel_success(channel)?;
            return Connection::refuse(session, channel, &needs_pty(&self.shared.locale, self.shared.port));
        };
        let Some(write) = self.write.take() else { return session.channel_failure(channel) };
        session.channel_success(channel)?;
        let (tx, rx) = mpsc::channel(INBOX);
        match super::start_learner(&self.shared, &user, self.addr, size, write, session.handle(), rx) {
            Ok(()) => self.inbox = Some(tx),
            Err(why) => return Connection::refuse(session, channel, &why),
        }
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.shared.room.event(Phrase::new("serve.event_refused_command").with("from", self.from()));
        session.channel_success(channel)?;
        Connection::refuse(session, channel, &no_commands(&self.shared.locale, self.shared.port))
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let name = crate::text_safety::terminal_line(name).into_owned();
        let name = crate::text_safety::sanitize_line(&name);
        self.shared
            .room
            .event(Phrase::new("serve.event_refused_subsystem").with("name", name).with("from", self.from()));
        session.channel_failure(channel)?;
        Connection::refuse(session, channel, &self.shared.locale.text("serve.no_subsystems"))
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        _value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        // No environment reaches the trainer (choose colours with NAME+mono, see docs/classroom.md).
        session.channel_failure(channel)
    }

    async fn x11_request(
        &mut self,
        channel: ChannelId,
        _single: bool,
        _protocol: &str,
        _cookie: &str,
        _screen: u32,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        session.channel_failure(channel)
    }

    async fn agent_request(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn tcpip_forward(
        &mut self,
        _address: &str,
        _port: &mut u32,
        _session: &mut Session,
    ) -> Result<bool, Self::Error> {
        Ok(false)
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        _channel: Channel<Msg>,
        _host: &str,
        _port: u32,
        _from_host: &str,
        _from_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        reply.reject(russh::ChannelOpenFailure::AdministrativelyProhibited).await;
        Ok(())
    }

    async fn window_change_request(
        &mut self,
        _channel: ChannelId,
        cols: u32,
        rows: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (cols, rows) = clamp_size(cols, rows);
        self.pty = Some((cols, rows));
        if let Some(inbox) = &self.inbox {
            let _ = inbox.try_send(ToLearner::Resize(cols, rows));
        }
        Ok(())
    }

    async fn data(&mut self, _channel: ChannelId, data: &[u8], _session: &mut Session) -> Result<(), Self::Error> {
        if let Some(inbox) = &self.inbox {
            // Full: the peer sends faster than the trainer reads; the excess is dropped.
            let _ = inbox.try_send(ToLearner::Data(data.to_vec()));
        }
        Ok(())
    }

    async fn channel_eof(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.inbox = None; // the learner's task sees the end of input and winds down
        Ok(())
    }

    async fn channel_close(&mut self, _channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.inbox = None;
        Ok(())
    }

    async fn auth_publickey(
        &mut self,
        _user: &str,
        _key: russh::server::VerifiedPublicKey<'_>,
    ) -> Result<Auth, Self::Error> {
        Ok(Connection::reject())
    }
}
