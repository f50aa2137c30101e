/**
 * Chart.js, registered with only what the reports draw. Chart.js renders to <canvas> and sets sizes through the
 * CSSOM; it injects no <style> elements (checked in 4.6), so it works under `style-src 'self'`. A canvas is
 * opaque to screen readers: every chart carries a role="img" label with its figures, and a table of its values.
 */
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.color = '#1a1a1a';
Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, Arial, sans-serif";
// Figures must be readable at once, and animation only costs time on a shared laptop.
Chart.defaults.animation = false;
// The figure's box sets the height; the chart fills it.
Chart.defaults.maintainAspectRatio = false;

/** Bar colours with ≥ 3:1 contrast against white (WCAG 1.4.11, non-text contrast). */
export const COLOURS = {
  praesenz: '#00346e',
  video: '#1d6b33',
  telefon: '#8a4b00',
  neutral: '#4a4a4a',
  bad: '#a4161a',
  target: '#767676',
};
