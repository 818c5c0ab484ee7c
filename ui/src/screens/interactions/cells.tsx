// How each column shows a row's value. Kept free of hooks: a cell renders thousands of
// times while scrolling, so anything time-dependent (live durations) takes `now` as input.
import {
  Bot,
  Mail,
  MessageCircle,
  MessageCircleMore,
  MessageSquareText,
  MessagesSquare,
  Phone,
  PhoneCall,
  Send,
  Star,
} from "lucide-react";
import { useEffect, useState, type ReactNode } from "react";

import type { Channel, ColumnId, InteractionRow } from "../../ipc";
import {
  CHANNEL_LABELS,
  DIRECTION_LABELS,
  HANGUP_LABELS,
  REASON_LABELS,
  SENTIMENT_LABELS,
  STATE_LABELS,
  formatDate,
  formatDuration,
  formatTime,
  sentimentTone,
  shortId,
} from "./columns";

const ICON = { size: 14, "aria-hidden": true } as const;

const CHANNEL_ICONS: Record<Channel, ReactNode> = {
  voice: <Phone {...ICON} />,
  callback: <PhoneCall {...ICON} />,
  chat: <MessageCircle {...ICON} />,
  webMessaging: <MessagesSquare {...ICON} />,
  sms: <MessageSquareText {...ICON} />,
  whatsapp: <MessageCircleMore {...ICON} />,
  openMessaging: <Send {...ICON} />,
  email: <Mail {...ICON} />,
};

const NONE = <span className="icell__none">—</span>;

function text(value: string | null): ReactNode {
  return value === null || value === "" ? NONE : value;
}

/** The time, re-read every second while `enabled` (some live row is on screen). */
export function useNow(enabled: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [enabled]);
  return now;
}

/** Live rows keep counting from their start; finished ones show what the platform measured. */
export function durationOf(row: InteractionRow, now: number): number {
  return row.state === "live" ? now - row.start : row.durationMs;
}

export function StateValue({ row }: { row: InteractionRow }) {
  if (row.state === "live") {
    return <span className="istate istate--live">{STATE_LABELS.live}</span>;
  }
  if (row.state === "answered") return <span className="istate">{STATE_LABELS.answered}</span>;
  return (
    <span className="istate istate--unanswered">
      {STATE_LABELS.unanswered}
      {row.reason ? <span className="istate__reason"> · {REASON_LABELS[row.reason]}</span> : null}
    </span>
  );
}

export function SentimentValue({ value }: { value: number | null }) {
  if (value === null) return NONE;
  const tone = sentimentTone(value);
  const score = value.toFixed(2);
  return (
    <span
      className={`sentiment sentiment--${tone}`}
      title={`Sentiment ${score}`}
      aria-label={`${SENTIMENT_LABELS[tone]} sentiment, ${score}`}
    >
      {SENTIMENT_LABELS[tone]}
    </span>
  );
}

export function ChannelValue({ channel }: { channel: Channel }) {
  return (
    <span className="ichannel">
      {CHANNEL_ICONS[channel]}
      {CHANNEL_LABELS[channel]}
    </span>
  );
}

export function AgentValue({ row }: { row: InteractionRow }) {
  if (!row.agentName) return NONE;
  return (
    <span className="iagent">
      {row.isAiAgent ? (
        <Bot size={14} className="iagent__bot" aria-label="AI agent" role="img" />
      ) : null}
      <span className="icell__text">{row.agentName}</span>
    </span>
  );
}

/** One cell's content. `now` only matters for live durations. */
export function cellContent(column: ColumnId, row: InteractionRow, now: number): ReactNode {
  switch (column) {
    case "conversationId":
      // The badge sits by the id, the one column always shown, so live rows stand out
      // whichever columns the view has.
      return (
        <span className="iid">
          {row.state === "live" ? <span className="live-badge">LIVE</span> : null}
          <span className="mono icell__text" title={row.id}>
            {shortId(row.id)}
          </span>
        </span>
      );
    case "customerName":
      return text(row.customerName);
    case "createdDate":
      return formatDate(row.start);
    case "createdTime":
      return formatTime(row.start);
    case "agentName":
      return <AgentValue row={row} />;
    case "queue":
      return text(row.queueName);
    case "direction":
      return DIRECTION_LABELS[row.direction];
    case "disposition":
      return text(row.disposition);
    case "state":
      return <StateValue row={row} />;
    case "wrapUpNote":
      return row.wrapUpNote ? <span title={row.wrapUpNote}>{row.wrapUpNote}</span> : NONE;
    case "channel":
      return <ChannelValue channel={row.channel} />;
    case "contact":
      return text(row.contact);
    case "contactCenterNumber":
      return text(row.contactCenterNumber);
    case "ticketId":
      return text(row.ticketId);
    case "csat":
      return row.csat === null ? (
        NONE
      ) : (
        <span className="icsat" aria-label={`${row.csat} out of 5`}>
          <Star size={12} aria-hidden="true" className="icsat__star" />
          {row.csat}/5
        </span>
      );
    case "hangupSource":
      return row.hangupSource ? HANGUP_LABELS[row.hangupSource] : NONE;
    case "duration":
      return formatDuration(durationOf(row, now));
    case "sentiment":
      return <SentimentValue value={row.sentiment} />;
  }
}
