import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiButton from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import {
  Form,
  LocalesMenuButton,
  required,
  TextInput,
  useCheckAuth,
  useLocaleState,
  useLogin,
  useNavigate,
  useTranslate,
} from 'react-admin';

interface Credentials {
  username: string;
  password: string;
}

/**
 * The login page: product name, what it is for, username and password. The API's refusal
 * (wrong credentials, too many attempts) is shown above the button in the user's language.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  const [locale] = useLocaleState();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  useEffect(() => {
    // Already logged in (another tab, a reload): go to the app.
    checkAuth({}, false)
      .then(() => navigate('/'))
      .catch(() => undefined);
  }, [checkAuth, navigate]);

  const submit = async (values: Record<string, unknown>) => {
    const { username, password } = values as unknown as Credentials;
    setSubmitting(true);
    setError(null);
    try {
      await login({ username, password });
    } catch (e) {
      const message = e instanceof Error && e.message ? e.message : 'ra.auth.sign_in_error';
      setError(translate(message, { _: message }));
      setSubmitting(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        bgcolor: 'grey.100',
        px: 2,
      }}
    >
      <Box sx={{ alignSelf: 'flex-end', pt: 1 }}>
        <LocalesMenuButton />
      </Box>
      <Card sx={{ width: '100%', maxWidth: 400, mt: { xs: 4, sm: 10 } }}>
        <CardContent sx={{ p: 4 }}>
          <Typography variant="h4" component="h1" sx={{ fontWeight: 600, color: 'primary.main' }}>
            {translate('app.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, mb: 3 }}>
            {translate('app.auth.subtitle')}
          </Typography>
          <Form onSubmit={submit} noValidate>
            <Stack spacing={1}>
              <TextInput
                source="username"
                label="ra.auth.username"
                autoComplete="username"
                autoFocus
                validate={required()}
                fullWidth
              />
              <TextInput
                source="password"
                type="password"
                label="ra.auth.password"
                autoComplete="current-password"
                validate={required()}
                fullWidth
              />
              {error && (
                <Alert severity="error">
                  {error}
                </Alert>
              )}
              <MuiButton
                type="submit"
                variant="contained"
                size="large"
                disabled={submitting}
                startIcon={submitting ? <CircularProgress size={18} color="inherit" /> : undefined}
                fullWidth
              >
                {translate('ra.auth.sign_in')}
              </MuiButton>
            </Stack>
          </Form>
        </CardContent>
      </Card>
    </Box>
  );
};
