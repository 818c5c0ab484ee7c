//! The fixed catalogue the simulated organization's routing is generated from: queue,
//! wrap-up code, team, skill and language names. Plain data, no randomness.

/// Division indexes into [`Roster::divisions`].
pub(super) const CUSTOMER_CARE: usize = 1;
pub(super) const TECHNICAL_SUPPORT: usize = 2;

pub(super) struct QueueSpec {
    pub(super) name: &'static str,
    pub(super) division: usize,
    pub(super) description: &'static str,
    pub(super) skill_evaluation: &'static str,
    pub(super) transcription: bool,
    /// Seconds within which the service level wants an answer, for voice.
    pub(super) answer_secs: i64,
}

pub(super) const QUEUES: [QueueSpec; 10] = [
    q(
        "Sales",
        CUSTOMER_CARE,
        "New customers and upgrades",
        "BEST",
        true,
        20,
    ),
    q(
        "Support Tier 1",
        TECHNICAL_SUPPORT,
        "First-line product support",
        "BEST",
        true,
        30,
    ),
    q(
        "Support Tier 2",
        TECHNICAL_SUPPORT,
        "Advanced troubleshooting",
        "ALL",
        true,
        60,
    ),
    q(
        "Billing",
        CUSTOMER_CARE,
        "Invoices, payments and refunds",
        "BEST",
        true,
        30,
    ),
    q(
        "Retention",
        CUSTOMER_CARE,
        "Customers asking to cancel",
        "ALL",
        true,
        20,
    ),
    q(
        "Soporte Español",
        TECHNICAL_SUPPORT,
        "Soporte en español",
        "ALL",
        false,
        30,
    ),
    q(
        "Technical Escalations",
        TECHNICAL_SUPPORT,
        "Escalated incidents",
        "ALL",
        true,
        90,
    ),
    q(
        "VIP Care",
        CUSTOMER_CARE,
        "Premium accounts",
        "BEST",
        true,
        10,
    ),
    q(
        "Callbacks",
        CUSTOMER_CARE,
        "Scheduled and requested callbacks",
        "NONE",
        false,
        120,
    ),
    q(
        "Digital Messaging",
        CUSTOMER_CARE,
        "Web messaging, SMS and WhatsApp",
        "NONE",
        true,
        60,
    ),
];

pub(super) const fn q(
    name: &'static str,
    division: usize,
    description: &'static str,
    skill_evaluation: &'static str,
    transcription: bool,
    answer_secs: i64,
) -> QueueSpec {
    QueueSpec {
        name,
        division,
        description,
        skill_evaluation,
        transcription,
        answer_secs,
    }
}

/// Wrap-up codes and the queues that offer them (none listed: every queue).
pub(super) const WRAPUP_CODES: [(&str, &str, &[&str]); 21] = [
    ("Resolved", "The customer's need was met", &[]),
    (
        "Follow-up required",
        "Someone must get back to the customer",
        &[],
    ),
    ("Escalated", "Handed to a higher tier", &[]),
    (
        "Wrong number",
        "The customer meant to reach someone else",
        &[],
    ),
    ("Customer hung up", "The customer left before the end", &[]),
    ("Transferred", "Sent to another queue or agent", &[]),
    (
        "Duplicate contact",
        "Already handled in another interaction",
        &[],
    ),
    ("Other", "None of the other codes fits", &[]),
    (
        "Sale completed",
        "An order was placed",
        &["Sales", "Retention", "VIP Care"],
    ),
    (
        "Quote sent",
        "A quote went out by email",
        &["Sales", "VIP Care"],
    ),
    ("Not interested", "No sale", &["Sales", "Callbacks"]),
    (
        "Refund issued",
        "Money went back to the customer",
        &["Billing", "VIP Care"],
    ),
    (
        "Payment arrangement",
        "A payment plan was agreed",
        &["Billing", "Retention"],
    ),
    (
        "Billing dispute",
        "The customer contests a charge",
        &["Billing"],
    ),
    (
        "Retention offer accepted",
        "The customer stays",
        &["Retention", "VIP Care"],
    ),
    (
        "Cancellation processed",
        "The customer leaves",
        &["Retention"],
    ),
    (
        "Troubleshooting completed",
        "Walked through a fix",
        &[
            "Support Tier 1",
            "Support Tier 2",
            "Soporte Español",
            "Technical Escalations",
            "Digital Messaging",
        ],
    ),
    (
        "Ticket created",
        "A support ticket tracks the issue",
        &[
            "Support Tier 1",
            "Support Tier 2",
            "Soporte Español",
            "Technical Escalations",
        ],
    ),
    (
        "Known outage",
        "Affected by an ongoing incident",
        &[
            "Support Tier 1",
            "Support Tier 2",
            "Soporte Español",
            "Technical Escalations",
            "Digital Messaging",
        ],
    ),
    (
        "Callback scheduled",
        "A callback was booked",
        &["Callbacks", "Sales", "Support Tier 1"],
    ),
    (
        "Complaint logged",
        "A formal complaint was recorded",
        &["VIP Care", "Retention", "Billing"],
    ),
];

pub(super) const TEAMS: [(&str, usize); 4] = [
    ("North", CUSTOMER_CARE),
    ("South", CUSTOMER_CARE),
    ("Digital", CUSTOMER_CARE),
    ("Technical", TECHNICAL_SUPPORT),
];

pub(super) const SKILLS: [&str; 8] = [
    "Sales",
    "Billing",
    "Troubleshooting",
    "Networking",
    "Retention",
    "Chat",
    "Email",
    "VIP",
];

pub(super) const LANGUAGES: [&str; 4] = ["English", "Spanish", "French", "Portuguese"];

/// An AI agent: a bot flow answering digital conversations with a large language model,
/// billed per message it sends.
pub(super) struct AiAgentSpec {
    pub(super) name: &'static str,
    pub(super) model: &'static str,
    /// US dollars per billable message.
    pub(super) cost_per_message: f64,
    /// The queue it hands over to when the customer asks for a person.
    pub(super) queue: &'static str,
}

pub(super) const AI_AGENTS: [AiAgentSpec; 3] = [
    AiAgentSpec {
        name: "Ava – Billing assistant",
        model: "gpt-4o-mini",
        cost_per_message: 0.002,
        queue: "Billing",
    },
    AiAgentSpec {
        name: "Max – Support assistant",
        model: "claude-3-5-haiku",
        cost_per_message: 0.0025,
        queue: "Support Tier 1",
    },
    AiAgentSpec {
        name: "Lina – Sales assistant",
        model: "gemini-1.5-flash",
        cost_per_message: 0.001,
        queue: "Sales",
    },
];

/// The contact center's phone lines: each has several numbers (the dnis of inbound calls,
/// the ani of outbound ones) and routes to some queues (none listed: the fallback line).
pub(super) const PHONE_LINES: [(&str, &[&str], &[&str]); 4] = [
    (
        "Sales line",
        &["+18005550101", "+18005550102", "+13125550140"],
        &["Sales", "Retention", "VIP Care"],
    ),
    (
        "Support line",
        &["+18005550201", "+18005550202", "+13125550240"],
        &[
            "Support Tier 1",
            "Support Tier 2",
            "Technical Escalations",
            "Soporte Español",
        ],
    ),
    (
        "Billing line",
        &["+18005550301", "+13125550340"],
        &["Billing"],
    ),
    ("Main line", &["+18005550100", "+13125550100"], &[]),
];

/// The number SMS and WhatsApp customers write to, and the support mailbox.
pub(super) const MESSAGING_NUMBER: &str = "+18005550400";
pub(super) const SUPPORT_EMAIL: &str = "support@demo.example";

/// Architect inbound flows, one per kind of inbound conversation: `(name, flowType)`.
pub(super) const INBOUND_FLOWS: [(&str, &str); 4] = [
    ("Main IVR", "INBOUNDCALL"),
    ("Web Chat Routing", "INBOUNDCHAT"),
    ("Digital Messaging Routing", "INBOUNDSHORTMESSAGE"),
    ("Email Routing", "INBOUNDEMAIL"),
];

/// The post-contact survey every surveyed conversation answers.
pub(super) const SURVEY_FORM_NAME: &str = "Post-contact CSAT";
