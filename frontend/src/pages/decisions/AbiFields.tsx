/** Form fields for a function's ABI inputs: one labelled input per parameter, nested for structs, stages by name. */
import { useId } from "react";
import type { AbiParameter } from "viem";
import { defineMessages, useLang, useT } from "../../i18n.tsx";
import { arrayShape, enumLabels, type InputProblem, type RawInput } from "@disco-ledger/sdk/proposals";
import { STAGE_NAMES } from "@disco-ledger/sdk/members";

const messages = defineMessages(
  {
    arrayHint: "Comma-separated, or a JSON array",
    fixedHint: "{length} values, comma-separated",
    boolHint: "true or false",
    choose: "Choose…",
    empty: "is empty",
    address: "is not an address (0x and 40 hexadecimal characters)",
    bool: "must be true or false",
    integer: "must be a whole number",
    range: "must be between {min} and {max}",
    hex: "must be hexadecimal bytes starting with 0x",
    bytesLength: "must be exactly {length} bytes",
    array: "is not a list: separate values with commas or write a JSON array",
    arrayLength: "must have exactly {length} values",
    tuple: "does not have every field",
    unsupported: "has a type this form can't fill ({type})",
  },
  {
    arrayHint: "Separados por comas, o un array JSON",
    fixedHint: "{length} valores separados por comas",
    boolHint: "true o false",
    choose: "Elige…",
    empty: "está vacío",
    address: "no es una dirección (0x y 40 caracteres hexadecimales)",
    bool: "debe ser true o false",
    integer: "debe ser un número entero",
    range: "debe estar entre {min} y {max}",
    hex: "debe ser bytes en hexadecimal que empiecen por 0x",
    bytesLength: "debe tener exactamente {length} bytes",
    array: "no es una lista: separa los valores con comas o escribe un array JSON",
    arrayLength: "debe tener exactamente {length} valores",
    tuple: "no tiene todos los campos",
    unsupported: "tiene un tipo que este formulario no sabe rellenar ({type})",
  },
);

/** An input's problem as the end of a sentence that starts with its name. */
export function useInputProblemText() {
  const t = useT(messages);
  return (problem: InputProblem) => t(problem.code, problem.params);
}

function Field({
  param,
  value,
  onChange,
  path,
}: {
  param: AbiParameter;
  value: RawInput;
  onChange: (value: RawInput) => void;
  path: string;
}) {
  const t = useT(messages);
  const { lang } = useLang();
  const fieldId = useId();
  const label = param.name || path;
  const shape = arrayShape(param.type);
  if (param.type === "tuple" && !shape && "components" in param && Array.isArray(value)) {
    return (
      <fieldset className="abi-tuple">
        <legend>
          {label} <small className="muted">({param.type})</small>
        </legend>
        {param.components.map((component, i) => (
          <Field
            key={i}
            param={component}
            value={value[i] ?? ""}
            path={`${path}.${i + 1}`}
            onChange={(next) => onChange(value.map((v, j) => (j === i ? next : v)))}
          />
        ))}
      </fieldset>
    );
  }
  const text = typeof value === "string" ? value : "";
  const labels = enumLabels(param);
  const hint = shape
    ? shape.length !== undefined
      ? t("fixedHint", { length: shape.length })
      : t("arrayHint")
    : param.type === "bool"
      ? t("boolHint")
      : null;
  const id = `${fieldId}-${path.replace(/\W/g, "_")}`;
  const control = { id, "aria-describedby": hint ? `${id}-hint` : undefined };
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} <small className="muted">({param.type})</small>
      </label>
      {labels && !shape ? (
        <select {...control} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("choose")}</option>
          {labels.map((name, i) => (
            <option key={name} value={String(i)}>
              {STAGE_NAMES[lang][i] ?? name}
            </option>
          ))}
        </select>
      ) : param.type === "bool" ? (
        <select {...control} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t("choose")}</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          {...control}
          name={param.name || undefined}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          inputMode={/^u?int\d*$/.test(param.type) ? "numeric" : undefined}
        />
      )}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

export function AbiFields({
  inputs,
  values,
  onChange,
}: {
  inputs: readonly AbiParameter[];
  values: readonly RawInput[];
  onChange: (values: RawInput[]) => void;
}) {
  return (
    <>
      {inputs.map((param, i) => (
        <Field
          key={i}
          param={param}
          value={values[i] ?? ""}
          path={`#${i + 1}`}
          onChange={(next) => onChange(inputs.map((_, j) => (j === i ? next : (values[j] ?? ""))))}
        />
      ))}
    </>
  );
}
