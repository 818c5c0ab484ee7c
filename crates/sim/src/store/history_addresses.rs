//! The customer's and the organization's addresses on a conversation: the phone line
//! that serves the queue, the support mailbox, the messaging number, the customer's own.

use rand::rngs::StdRng;
use rand::Rng;

use super::history_draws::Channel;
use super::history_gen::{Draft, Generator, QueueInfo};
use super::history_model::Media;
use super::routing_catalogue::SUPPORT_EMAIL;

impl Generator {
    /// A number of the phone line serving `queue`.
    pub fn line(&self, rng: &mut StdRng, queue: &QueueInfo) -> &str {
        let qi = self
            .queues
            .iter()
            .position(|q| q.id == queue.id)
            .unwrap_or(0);
        let line = self
            .lines
            .iter()
            .find(|(_, qs)| qs.contains(&qi))
            .or(self.lines.last())
            .expect("the catalogue has phone lines");
        &line.0[rng.random_range(0..line.0.len())]
    }
}

impl<'g> Draft<'g> {
    /// The session fields every participant shares, from the customer's addresses.
    pub fn addresses(&mut self, outbound: bool) -> Media<'g> {
        let c = self.contact;
        let mut m = Media {
            media_type: self.channel.media_type(),
            message_type: self.channel.message_type(),
            ..Media::default()
        };
        match self.channel {
            Channel::Voice | Channel::Callback => {
                let ours = self.g.line(&mut self.rng, self.queue);
                let (ani, dnis) = if outbound {
                    (ours, c.tel.as_str())
                } else {
                    (c.tel.as_str(), ours)
                };
                m.ani = Some(ani);
                m.dnis = Some(dnis);
            }
            Channel::Email => {
                let (from, to) = if outbound {
                    (SUPPORT_EMAIL, c.email.as_str())
                } else {
                    (c.email.as_str(), SUPPORT_EMAIL)
                };
                m.address_from = Some(from);
                m.address_to = Some(to);
            }
            Channel::Sms | Channel::WhatsApp => {
                let ours = self.g.messaging_number.as_str();
                let (from, to) = if outbound {
                    (ours, c.phone.as_str())
                } else {
                    (c.phone.as_str(), ours)
                };
                m.address_from = Some(from);
                m.address_to = Some(to);
                m.remote_name_displayable = Some(c.name.as_str());
            }
            Channel::Open => {
                m.address_from = Some(c.open_id.as_str());
                m.remote_name_displayable = Some(c.name.as_str());
            }
            Channel::Chat | Channel::WebMessaging => {
                m.remote_name_displayable = Some(c.name.as_str());
            }
        }
        m
    }
}
