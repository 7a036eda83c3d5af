import { THEME_CHOICES, type ThemeChoice } from './theme.ts';
import { useServices, useTheme } from './context.ts';
import { MonitorIcon, MoonIcon, SunIcon } from './icons.tsx';

const LABELS: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'System' };
const ICONS: Record<ThemeChoice, () => React.JSX.Element> = { light: SunIcon, dark: MoonIcon, system: MonitorIcon };

/** Three radio-like buttons: light, dark, or follow the system. */
export function ThemeSwitch() {
  const { theme } = useServices();
  const { choice } = useTheme();
  return (
    <div className="theme-switch" role="radiogroup" aria-label="Colour theme">
      {THEME_CHOICES.map((option) => {
        const Icon = ICONS[option];
        return (
          <button
            key={option}
            type="button"
            role="radio"
            aria-checked={choice === option}
            title={`${LABELS[option]} theme`}
            aria-label={`${LABELS[option]} theme`}
            onClick={() => theme.setChoice(option)}
          >
            <Icon />
          </button>
        );
      })}
    </div>
  );
}
