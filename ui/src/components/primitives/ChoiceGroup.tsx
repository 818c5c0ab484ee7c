import type { ReactNode } from "react";

import "./primitives.css";

export interface Choice<V extends string> {
  value: V;
  label: ReactNode;
  testId?: string;
}

export interface ChoiceGroupProps<V extends string> {
  legend: string;
  /** The radios' `name`, also their form field name. */
  name: string;
  value: V;
  choices: readonly Choice<V>[];
  onChange: (value: V) => void;
  layout?: "row" | "column";
}

/** Native radios in a fieldset: labelled, arrow-key operable, easy to drive from tests. */
export function ChoiceGroup<V extends string>({
  legend,
  name,
  value,
  choices,
  onChange,
  layout = "column",
}: ChoiceGroupProps<V>) {
  return (
    <fieldset className={`choice-group choice-group--${layout}`}>
      <legend className="field__label">{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className="choice">
          <input
            type="radio"
            name={name}
            value={choice.value}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
            data-testid={choice.testId}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
