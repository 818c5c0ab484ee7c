//! The permission strings of the demo roles, spelled as Genesys spells them
//! (`domain:entity:action`). The console reads them from `users/me?expand=authorization`
//! to decide what a supervisor may do, so the supervisor role carries everything the
//! console's features check for, and agents hold only what their own work needs.

pub const EMPLOYEE_PERMISSIONS: &[&str] = &[
    "directory:user:view",
    "presence:presenceDefinition:view",
    "presence:userPresence:view",
];
pub const AGENT_PERMISSIONS: &[&str] = &[
    "conversation:call:accept",
    "conversation:communication:disconnect",
    "conversation:message:accept",
    "conversation:participant:wrapup",
    "routing:agent:onQueue",
    "routing:wrapupCode:view",
];
pub const SUPERVISOR_PERMISSIONS: &[&str] = &[
    "analytics:conversationDetail:view",
    "analytics:queueObservation:view",
    "analytics:userObservation:view",
    "conversation:call:barge",
    "conversation:call:coach",
    "conversation:call:monitor",
    "conversation:communication:view",
    "conversation:message:monitor",
    "conversation:summary:view",
    "presence:presenceDefinition:view",
    "presence:userPresence:edit",
    "quality:evaluation:view",
    "quality:survey:view",
    "recording:recording:view",
    "recording:recordingSegment:view",
    "routing:queue:view",
    "routing:queueMember:view",
    "routing:wrapupCode:view",
    "speechAndTextAnalytics:data:view",
];
pub const ADMIN_PERMISSIONS: &[&str] = &[
    "analytics:*:*",
    "authorization:*:*",
    "conversation:*:*",
    "directory:*:*",
    "notifications:*:*",
    "presence:*:*",
    "quality:*:*",
    "recording:*:*",
    "routing:*:*",
    "speechAndTextAnalytics:*:*",
];
