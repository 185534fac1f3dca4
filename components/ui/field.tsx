import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';

const control =
  'block w-full rounded-md border bg-white px-2.5 py-1.5 text-sm text-slate-900 shadow-sm outline-none placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20';

function border(error?: string) {
  return error ? 'border-red-400' : 'border-slate-300';
}

/** A label, one control and the error for that field right under it (the rule it broke). */
export function Field({
  label,
  error,
  hint,
  children,
  name,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  name: string;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: `children` is the control this label names
    <label className="block space-y-1" data-field={name}>
      <span className="text-xs font-medium text-slate-600">{label}</span>
      {children}
      {error ? (
        <span role="alert" data-testid={`error-${name}`} className="block text-xs text-red-600">
          {error}
        </span>
      ) : hint ? (
        <span className="block text-xs text-slate-500">{hint}</span>
      ) : null}
    </label>
  );
}

export function TextInput({
  error,
  className = '',
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { error?: string }) {
  return (
    <input
      {...props}
      aria-invalid={error ? true : undefined}
      className={`${control} ${border(error)} ${className}`}
    />
  );
}

export function TextArea({
  error,
  className = '',
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { error?: string }) {
  return (
    <textarea
      {...props}
      aria-invalid={error ? true : undefined}
      className={`${control} ${border(error)} font-mono text-xs ${className}`}
    />
  );
}

export function Select({
  error,
  className = '',
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { error?: string }) {
  return (
    <select
      {...props}
      aria-invalid={error ? true : undefined}
      className={`${control} ${border(error)} ${className}`}
    />
  );
}
