import { useCallback, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import RjsfForm, { getDefaultRegistry } from '@rjsf/core';
import { customizeValidator } from '@rjsf/validator-ajv8';
import { englishStringTranslator, TranslatableString, type BaseInputTemplateProps, type IconButtonProps, type RJSFValidationError } from '@rjsf/utils';
import Ajv2020 from 'ajv/dist/2020';

/** Procedure forms are JSON Schema 2020-12, validated in the browser exactly as on the server. */
export const validator = customizeValidator({ AjvClass: Ajv2020 as any });

const vi: Record<string, (p: any) => string> = {
  required: () => 'Vui lòng nhập thông tin này',
  format: (p) => (p.format === 'email' ? 'Thư điện tử không đúng định dạng' : p.format === 'date' ? 'Ngày không hợp lệ' : 'Sai định dạng'),
  pattern: () => 'Sai định dạng',
  minLength: (p) => `Tối thiểu ${p.limit} ký tự`,
  maxLength: (p) => `Tối đa ${p.limit} ký tự`,
  minimum: (p) => `Không được nhỏ hơn ${p.limit}`,
  maximum: (p) => `Không được lớn hơn ${p.limit}`,
  enum: () => 'Vui lòng chọn một giá trị trong danh sách',
  type: () => 'Giá trị không hợp lệ',
  minItems: (p) => `Cần ít nhất ${p.limit} mục`,
};

/** Inline validation messages in Vietnamese (English keeps ajv's own). */
export function localiseErrors(lang: string) {
  return (errors: RJSFValidationError[]) =>
    lang === 'en' ? errors : errors.map((e) => ({ ...e, message: vi[e.name ?? '']?.(e.params) ?? e.message }));
}

/** Server field errors ("form.applicant.email") in rjsf's extraErrors shape. */
export function toExtraErrors(byField: Record<string, string>): any {
  const out: any = {};
  for (const [field, msg] of Object.entries(byField)) {
    if (!field.startsWith('form')) continue;
    const path = field.replace(/^form\.?/, '').split('.').filter(Boolean);
    let node = out;
    for (const part of path) node = node[part] ??= {};
    (node.__errors ??= []).push(msg);
  }
  return out;
}

/** rjsf's own words (array buttons, yes/no) in Vietnamese. */
const viStrings: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.AddButton]: 'Thêm', [TranslatableString.AddItemButton]: 'Thêm mục', [TranslatableString.RemoveButton]: 'Xóa mục này',
  [TranslatableString.MoveUpButton]: 'Chuyển lên', [TranslatableString.MoveDownButton]: 'Chuyển xuống', [TranslatableString.CopyButton]: 'Sao chép',
  [TranslatableString.YesLabel]: 'Có', [TranslatableString.NoLabel]: 'Không', [TranslatableString.ArrayItemTitle]: 'Mục',
  [TranslatableString.EmptyArray]: 'Chưa có mục nào. Bấm nút bên dưới để thêm.', [TranslatableString.ClearButton]: 'xóa nội dung',
  [TranslatableString.OptionalObjectAdd]: 'Thêm thông tin', [TranslatableString.OptionalObjectRemove]: 'Bỏ thông tin này',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Chưa có thông tin',
};

/**
 * rjsf draws its array buttons as Bootstrap glyph icons, which this app does not load: the
 * buttons came out as empty boxes. These say what they do, in the user's language.
 */
function textButton(str: TranslatableString, cls: string, sign = '') {
  return function TextButton({ id, className, onClick, disabled, registry }: IconButtonProps) {
    return (
      <button type="button" id={id} className={`btn rjsf-btn ${cls} ${className ?? ''}`} onClick={onClick} disabled={disabled}>
        {sign && <span aria-hidden="true">{sign} </span>}{registry.translateString(str)}
      </button>
    );
  };
}
const CoreInput = getDefaultRegistry().templates.BaseInputTemplate;
/** An input with an error says so (aria-invalid: announced, and outlined in red like the app's other fields). */
function BaseInputTemplate(props: BaseInputTemplateProps) {
  return <CoreInput {...props} aria-invalid={props.rawErrors?.length ? true : undefined} />;
}
const templates = {
  BaseInputTemplate,
  ButtonTemplates: {
    AddButton: textButton(TranslatableString.AddItemButton, 'rjsf-add', '+'),
    RemoveButton: textButton(TranslatableString.RemoveButton, 'btn-danger rjsf-remove'),
    MoveUpButton: textButton(TranslatableString.MoveUpButton, 'rjsf-move', '↑'),
    MoveDownButton: textButton(TranslatableString.MoveDownButton, 'rjsf-move', '↓'),
    CopyButton: textButton(TranslatableString.CopyButton, 'rjsf-copy'),
  },
};

/** rjsf's Form with the buttons and its own strings in the user's language. */
export function Form(props: ComponentProps<typeof RjsfForm>) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  const translateString = useCallback((str: TranslatableString, params?: string[]) => (!en && viStrings[str]) || englishStringTranslator(str, params), [en]);
  return <RjsfForm templates={templates} translateString={translateString} {...props} />;
}
