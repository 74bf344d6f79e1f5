// The Settings App's globals (setting/ code in the Zepp app), which @zeppos/device-types does not
// declare. From the Zepp OS docs: docs/guides/framework/app-settings/register.md and
// docs/reference/app-settings-api/ui/*.mdx (component props as listed there).

declare namespace ZeppSettings {
  /** What every component function returns; the Zepp app draws it. */
  type RenderFunc = { readonly __render: unique symbol };
  type Children = RenderFunc | null | undefined | Array<RenderFunc | null | undefined>;
  type Style = Record<string, string | number>;

  /** The same storage the side service sees (types/side-service.d.ts); the page re-renders instead of listening. */
  type Storage = Omit<ZeppSide.SettingsStorage, 'addListener' | 'removeListener'>;

  interface BuildProps {
    settingsStorage: Storage;
  }

  interface PageOption {
    state?: Record<string, unknown>;
    build(this: PageOption, props: BuildProps): RenderFunc;
    [custom: string]: unknown;
  }

  interface SectionProps {
    style?: Style;
    title?: string;
    description?: string;
  }
  interface ViewProps {
    style?: Style;
  }
  interface TextProps {
    style?: Style;
    align?: 'left' | 'center' | 'right';
    bold?: boolean;
    italic?: boolean;
    paragraph?: boolean;
  }
  interface TextInputProps {
    label?: string;
    disabled?: boolean;
    multiline?: boolean;
    placeholder?: string;
    rows?: number;
    bold?: boolean;
    value?: string;
    onChange?: (value: string) => void;
    settingsKey?: string;
    labelStyle?: Style;
    subStyle?: Style;
  }
  interface ButtonProps {
    color?: 'default' | 'primary' | 'secondary';
    style?: Style;
    label?: string;
    onClick?: () => void;
  }
  interface ToggleProps {
    label?: string;
    settingsKey?: string;
    value?: boolean;
    onChange?: (value: boolean) => void;
  }
  interface SliderProps {
    label?: string;
    settingsKey?: string;
    min?: number;
    max?: number;
    step?: number;
    value?: number;
    onChange?: (value: number) => void;
  }
  interface SelectOption {
    name?: string;
    value?: string;
  }
  interface SelectProps {
    label?: string;
    options?: SelectOption[];
    multiple?: boolean;
    value?: string | string[];
    onChange?: (value: string) => void;
    title?: string;
  }
  interface ToastProps {
    duration?: number;
    horizontal?: string;
    message?: string;
    vertical?: string;
    visible?: boolean;
    onClose?: () => void;
  }
  interface LinkProps {
    source?: string;
  }
  interface ImageProps {
    src?: string;
    alt?: string;
    width?: number | string;
    height?: number | string;
  }
}

declare function AppSettingsPage(option: ZeppSettings.PageOption): void;
declare function Section(props: ZeppSettings.SectionProps, children?: ZeppSettings.Children): ZeppSettings.RenderFunc;
declare function View(props: ZeppSettings.ViewProps, children?: ZeppSettings.Children): ZeppSettings.RenderFunc;
declare function Text(
  props: ZeppSettings.TextProps,
  children?: string | ZeppSettings.Children,
): ZeppSettings.RenderFunc;
declare function TextInput(props: ZeppSettings.TextInputProps): ZeppSettings.RenderFunc;
declare function Button(props: ZeppSettings.ButtonProps): ZeppSettings.RenderFunc;
declare function Toggle(props: ZeppSettings.ToggleProps, children?: ZeppSettings.Children): ZeppSettings.RenderFunc;
declare function Slider(props: ZeppSettings.SliderProps): ZeppSettings.RenderFunc;
declare function Select(props: ZeppSettings.SelectProps): ZeppSettings.RenderFunc;
declare function Toast(props: ZeppSettings.ToastProps, children?: ZeppSettings.Children): ZeppSettings.RenderFunc;
declare function Link(
  props: ZeppSettings.LinkProps,
  children?: string | ZeppSettings.Children,
): ZeppSettings.RenderFunc;
declare function Image(props: ZeppSettings.ImageProps): ZeppSettings.RenderFunc;

/**
 * The Settings App's i18n module: gettext(key) is the msgstr of setting/i18n/<language>.po in the
 * language the Zepp app picked, or the key itself (zeppos-samples application/3.0/todo-list/setting).
 */
declare module 'i18n' {
  export function gettext(key: string): string;
}
